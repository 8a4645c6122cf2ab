package io.github.latentcheck.report;

import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}: one {@code testsuite} per prior and one {@code testcase} per gate, in the
 * JUnit XML layout that Jenkins, GitLab and GitHub test reporters read. A failed gate is a
 * {@code failure} carrying the metric's value, the bound and the check's smallest adjusted p-value.
 * Text from the spec (the experiment's name, prior labels) goes through {@link SafeText#xml}, so the
 * document stays well-formed whatever characters it holds.
 */
final class JunitXmlReporter implements Reporter {
    @Override
    public String fileName() {
        return "junit.xml";
    }

    @Override
    public void write(ExperimentResult result, OutputStream out) throws IOException {
        try {
            // The JDK's own writer, not whichever StAX implementation the class path brings (Spark's jars
            // bring one that escapes '>' in attributes), so that junit.xml is the same under spark-submit.
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            String name = result.experiment().name();
            long failures = result.gates().stream().filter(g -> !g.passed()).count();
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", SafeText.xml("latentcheck " + name));
            xml.writeAttribute("tests", Integer.toString(result.gates().size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("time", seconds(result.duration().toNanos()));
            for (PriorRun run : result.runs()) {
                String suite = name + "." + run.label();
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", SafeText.xml(suite));
                xml.writeAttribute("tests", Integer.toString(run.gates().size()));
                xml.writeAttribute("failures", Long.toString(run.gates().stream().filter(g -> !g.passed()).count()));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", "0");
                xml.writeCharacters("\n    ");
                xml.writeStartElement("properties");
                property(xml, "seed", Long.toString(result.experiment().seed()));
                property(xml, "samples", Integer.toString(result.experiment().samples()));
                property(xml, "run", RunTitles.of(result, run));
                xml.writeCharacters("\n    ");
                xml.writeEndElement();
                for (GateResult gate : run.gates()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", SafeText.xml(suite));
                    xml.writeAttribute("name", SafeText.xml(gate.expression()));
                    xml.writeAttribute("time", seconds(checkDuration(run, gate.gate().check())));
                    if (!gate.passed()) {
                        xml.writeCharacters("\n      ");
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", gate.reason().isEmpty() ? "GateFailed" : "Underpowered");
                        xml.writeAttribute("message", SafeText.xml(failureMessage(gate)));
                        xml.writeCharacters(SafeText.xml(failureDetails(run, gate)));
                        xml.writeEndElement();
                        xml.writeCharacters("\n    ");
                    }
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("writing junit.xml failed", e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", SafeText.xml(name));
        xml.writeAttribute("value", SafeText.xml(value));
    }

    /**
     * The one-line message of a failed gate: the reason first when the check was underpowered
     * ({@code underpowered: power 0.41 < 0.8 …; latent-ks.rejected = 0}), else the value against the
     * bound; numbers formatted as in the report.
     */
    static String failureMessage(GateResult gate) {
        if (!gate.reason().isEmpty()) {
            return gate.reason() + "; " + gate.gate().check() + "." + gate.gate().metric()
                    + " = " + Formats.number(gate.value());
        }
        return gate.gate().check() + "." + gate.gate().metric() + " = " + Formats.number(gate.value())
                + ", which is not " + gate.gate().comparison().symbol() + " " + Formats.number(gate.bound())
                + (gate.gate().isRelative() ? " (baseline " + Formats.number(gate.baseline()) + ")" : "");
    }

    /** The message, the check's strongest evidence, and where the report shows the check. */
    private static String failureDetails(PriorRun run, GateResult gate) {
        StringBuilder text = new StringBuilder(failureMessage(gate));
        double p = gate.checkPValue();
        if (!Double.isNaN(p)) {
            text.append("; smallest adjusted p-value of check '").append(gate.gate().check()).append("': ")
                    .append(Formats.number(p));
        }
        return text.append("; details: index.html#").append(HtmlReporter.checkAnchor(run, gate.gate().check()))
                .append(" beside this file").toString();
    }

    private static long checkDuration(PriorRun run, String check) {
        return run.checks().stream().filter(c -> c.id().equals(check)).findFirst()
                .map(c -> c.duration().toNanos()).orElse(0L);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
