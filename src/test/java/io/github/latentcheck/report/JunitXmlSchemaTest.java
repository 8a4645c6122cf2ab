package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

/** junit.xml validates against the JUnit XML schema that CI test reporters read. */
class JunitXmlSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "gaussian-vs-uniform", "broken-generator", "underpowered"})
    void everyShippedExperimentWritesValidJunitXml(String name) throws IOException, SAXException {
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments", name + ".yaml"));
        ExperimentResult result = ExperimentRunner.withDefaults().withThreads(2).run(Experiment.load(spec, 1, 1000));
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        Reporter.junitXml().write(result, xml);

        Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-jenkins.xsd")).newValidator();
        validator.validate(new StreamSource(new ByteArrayInputStream(xml.toByteArray())));

        assertThat(xml.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("<testsuite name=\"" + name + ".");
    }
}
