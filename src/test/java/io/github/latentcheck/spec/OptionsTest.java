package io.github.latentcheck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {
    /** Keys on lines 2 to 8 of "spec.yaml". */
    private static Options options() {
        SpecNode root = SpecNode.parse(new StringReader(String.join("\n",
                "check:",
                "  type: moments",
                "  alpha: 0.01",
                "  name: 'x'",
                "  count: 1.5",
                "  big: 3000000000",
                "  values: [1, 2.5, 3]",
                "  alhpa: 0.05",
                "")), "spec.yaml");
        return Options.of(root.entries().get("check"), "checks[0]", Path.of("/base"));
    }

    @Test
    void typedGettersReturnTheValuesAndFallbacks() {
        Options o = options();
        assertThat(o.requireString("type")).isEqualTo("moments");
        assertThat(o.number("alpha", 1)).isEqualTo(0.01);
        assertThat(o.number("missing", 7)).isEqualTo(7);
        assertThat(o.integer("absent", 3, 1)).isEqualTo(3);
        assertThat(o.longValue("big", 0)).isEqualTo(3_000_000_000L);
        assertThat(o.numbers("values")).containsExactly(1, 2.5, 3);
        assertThat(o.requirePath("name")).isEqualTo(Path.of("/base/x"));
        assertThat(o.where("alpha")).isEqualTo("spec.yaml:3");
    }

    @Test
    void numberRefusesAString() {
        assertThatThrownBy(() -> options().requireNumber("name")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:4: checks[0].name is not a number: 'x'");
    }

    @Test
    void integerRefusesAFractionAndAValueOutOfRange() {
        assertThatThrownBy(() -> options().integer("count", 0, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:5: checks[0].count is not a whole number: '1.5'");
        assertThatThrownBy(() -> options().integer("big", 0, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:6: checks[0].big is not a whole number in [1, 2147483647]: 3000000000");
        assertThatThrownBy(() -> options().integers("values")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:7: checks[0].values[1] is not a whole number: 2.5");
    }

    /** A block map stands where its first key stands. */
    @Test
    void requireNamesTheMissingKeyAndTheSection() {
        assertThatThrownBy(() -> options().requireNumber("level")).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: checks[0] is missing the key 'level'");
    }

    @Test
    void rejectUnknownKeysNamesTheKeyItsLineAndTheKnownKeys() {
        Options o = options();
        o.requireString("type");
        o.number("alpha", 0.05);
        o.string("name", "");
        o.number("count", 0);
        o.longValue("big", 0);
        o.numbers("values");
        assertThatThrownBy(o::rejectUnknownKeys).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:8: unknown key 'alhpa' in checks[0] "
                        + "(known keys: type, alpha, name, count, big, values)");
    }
}
