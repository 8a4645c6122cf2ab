package io.github.latentcheck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SpecNodeTest {
    private static final String YAML = String.join("\n",
            "# comment on line 1",
            "name: demo",
            "seed: 42",
            "priors:",
            "  - gaussian",
            "  - type: uniform",
            "    low: -1",
            "ratio: 0.5",
            "flag: true",
            "empty:",
            "");

    private static SpecNode parse(String yaml) {
        return SpecNode.parse(new StringReader(yaml), "spec.yaml");
    }

    @Test
    void keepsTheLineOfEveryKeyAndItem() {
        SpecNode root = parse(YAML);
        assertThat(root.kind()).isEqualTo(SpecNode.Kind.MAP);
        assertThat(root.whereKey("name")).isEqualTo("spec.yaml:2");
        assertThat(root.whereKey("low")).isEqualTo(root.where());
        SpecNode priors = root.entries().get("priors");
        assertThat(priors.kind()).isEqualTo(SpecNode.Kind.LIST);
        assertThat(priors.items().get(0).where()).isEqualTo("spec.yaml:5");
        SpecNode uniform = priors.items().get(1);
        assertThat(uniform.whereKey("low")).isEqualTo("spec.yaml:7");
        assertThat(root.whereKey("ratio")).isEqualTo("spec.yaml:8");
    }

    @Test
    void keepsScalarTypes() {
        SpecNode root = parse(YAML);
        assertThat(root.entries().get("seed").scalar()).isEqualTo(42);
        assertThat(root.entries().get("ratio").scalar()).isEqualTo(0.5);
        assertThat(root.entries().get("flag").scalar()).isEqualTo(Boolean.TRUE);
        assertThat(root.entries().get("name").scalar()).isEqualTo("demo");
        assertThat(root.entries().get("empty").scalar()).isNull();
        assertThat(root.entries().keySet()).containsExactly("name", "seed", "priors", "ratio", "flag", "empty");
    }

    @Test
    void refusesADuplicateKeyNamingItsLine() {
        assertThatThrownBy(() -> parse("name: a\nseed: 1\nname: b\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:3: duplicate key 'name'");
    }

    @Test
    void refusesTextThatIsNotYamlNamingTheLine() {
        assertThatThrownBy(() -> parse("name: a\npriors: [gaussian\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml: is empty");
    }

    @Test
    void refusesASecondDocumentNamingItsLine() {
        assertThatThrownBy(() -> parse("name: a\nseed: 1\n---\nname: b\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:4: a second YAML document (after '---'); a spec is one document");
        assertThatThrownBy(() -> parse("name: a\n---\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec.yaml:").hasMessageContaining("a second YAML document");
    }

    @Test
    void refusesAnAliasNamingItsLine() {
        assertThatThrownBy(() -> parse("base: &g {type: ring}\ngenerator: *g\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: the YAML alias '*g' is not supported; write the value out");
        assertThatThrownBy(() -> parse("priors:\n  - &p gaussian\n  - *p\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:3: the YAML alias '*p' is not supported; write the value out");
    }

    @Test
    void aDocumentStartMarkerAloneIsOneDocument() {
        assertThat(parse("---\nname: a\n").entries().keySet()).containsExactly("name");
    }
}
