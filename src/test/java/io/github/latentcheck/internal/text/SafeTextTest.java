package io.github.latentcheck.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class SafeTextTest {
    /** A terminal title, a screen clear, a bell, a right-to-left override and a C1 control. */
    private static final String HOSTILE = "a\u001b]0;pwned\u0007\u001b[2J|b\u202e<c>&\"d'\u0085";

    @Test
    void theTerminalSeesEveryControlCharacterAsAnEscape() {
        assertThat(SafeText.terminal(HOSTILE)).isEqualTo("a\\x1b]0;pwned\\x07\\x1b[2J|b\\u202e<c>&\"d'\\x85");
        assertThat(SafeText.terminal("two\nlines\ttab")).isEqualTo("two\\x0alines\\x09tab");
        assertThat(SafeText.terminal("plain ünïcödé ✔")).isEqualTo("plain ünïcödé ✔");
    }

    @Test
    void xmlKeepsLineBreaksAndTabsButNothingItCannotHold() {
        assertThat(SafeText.xml(HOSTILE)).isEqualTo("a\\x1b]0;pwned\\x07\\x1b[2J|b\\u202e<c>&\"d'\\x85");
        assertThat(SafeText.xml("two\nlines\ttab\r")).isEqualTo("two\nlines\ttab\r");
        assertThat(SafeText.xml("half \uD800 pair, whole \uD83D\uDE00, \uFFFF"))
                .isEqualTo("half \\ud800 pair, whole \uD83D\uDE00, \\uffff");
    }

    @Test
    void aMarkdownCellCannotBeEndedOrStartHtml() {
        assertThat(SafeText.markdownCell(HOSTILE))
                .isEqualTo("a\\x1b]0;pwned\\x07\\x1b[2J\\|b\\u202e&lt;c>&\"d'\\x85");
        assertThat(SafeText.markdownCell("a\nb")).isEqualTo("a\\x0ab");
        assertThat(SafeText.markdownCell("power 0.117 < 0.8 & more")).isEqualTo("power 0.117 < 0.8 & more");
        assertThat(SafeText.markdownCell("</b> &amp; &#38; <!-- x")).isEqualTo("&lt;/b> &amp;amp; &amp;#38; &lt;!-- x");
    }

    @Test
    void aMarkdownCodeSpanTakesLongerFencesThanItsBackticks() {
        assertThat(SafeText.markdownCode("a <= 1")).isEqualTo("`a <= 1`");
        assertThat(SafeText.markdownCode("a|b")).isEqualTo("`a\\|b`");
        assertThat(SafeText.markdownCode("x``y`")).isEqualTo("``` x``y` ```");
    }

    @Test
    void htmlEscapesMarkupAndShowsControlCharacters() {
        assertThat(SafeText.html(HOSTILE))
                .isEqualTo("a\\x1b]0;pwned\\x07\\x1b[2J|b\\u202e&lt;c&gt;&amp;&quot;d&#39;\\x85");
    }

    @Test
    void fileNamesKeepLettersDigitsDotsUnderscoresAndHyphens() {
        assertThat(SafeText.fileName("a b/c\u001b.d-e_f")).isEqualTo("a_b_c_.d-e_f");
        assertThat(SafeText.fileName("")).isEqualTo("_");
        assertThat(SafeText.sameFileName("a b", "a_b")).isTrue();
        assertThat(SafeText.sameFileName("Gaussian", "gaussian")).isTrue();
        assertThat(SafeText.sameFileName("a-b", "a_b")).isFalse();
    }

    @Test
    void aTerminalWriterKeepsLinesAndTabsAndEscapesTheRest() throws IOException {
        StringWriter out = new StringWriter();
        try (Writer w = SafeText.terminal(out)) {
            w.write("prior\tgate\n");
            w.write("x\u001b[2Jy\r\n");
            w.write('\u0007');
            w.write("\rback");
        }
        assertThat(out).hasToString("prior\tgate\nx\\x1b[2Jy\r\n\\x07\\x0dback");
    }
}
