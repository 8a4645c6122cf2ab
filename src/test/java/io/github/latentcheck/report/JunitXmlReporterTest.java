package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.run.ExperimentResult;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReporterTest {
    private static Document parse(ExperimentResult result) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Runs.render(Reporter.junitXml(), result)));
    }

    @Test
    void hasOneSuitePerPriorAndOneCasePerGate() throws Exception {
        Document xml = parse(Runs.quickstart());
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(root.getAttribute("failures")).isEqualTo("0");
        NodeList suites = xml.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("quickstart.gaussian");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        assertThat(((Element) cases.item(3)).getAttribute("name")).isEqualTo("marginal-ks.maxStatistic <= 0.03");
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aFailingGateCarriesAFailureNamingTheValueAndTheBound() throws Exception {
        ExperimentResult result = Runs.broken();
        GateResult failed = result.gates().get(1);
        assertThat(failed.passed()).isFalse();
        Document xml = parse(result);
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(2);
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("marginal-ks.rejected == 0");
        assertThat(failure.getAttribute("message")).isEqualTo(
                "marginal-ks.rejected = " + failed.value() + ", which is not == 0");
        assertThat(failure.getTextContent()).contains("smallest adjusted p-value of check 'marginal-ks'");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }
}
