package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.linli.shared.web.input.InputText;

/** The one rule for texts that come in, on its own. */
class InputTextTests {

	@Test
	void refusesTheRightToLeftOverrideThatDisguisesAnExecutableAsAnImage() {
		// displays as 测exe.png名 while being 测…gnp.exe名
		assertThat(InputText.problem("测\u202Egnp.exe名", false)).isPresent();
	}

	@Test
	void refusesEveryBidirectionalControl() {
		for (char c : new char[] { '\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067',
				'\u2068', '\u2069' }) {
			assertThat(InputText.problem("a" + c + "b", true)).as("U+%04X", (int) c).isPresent();
		}
	}

	@Test
	void refusesC0AndC1ControlsIncludingNul() {
		for (int c = 0; c < 0x20; c++) {
			if (c != '\t' && c != '\n' && c != '\r') {
				assertThat(InputText.problem("a" + (char) c, true)).as("U+%04X", c).isPresent();
			}
		}
		assertThat(InputText.problem("a\u007F", true)).isPresent();
		for (int c = 0x80; c <= 0x9F; c++) {
			assertThat(InputText.problem("a" + (char) c, true)).as("U+%04X", c).isPresent();
		}
	}

	@Test
	void allowsLineBreaksAndTabsOnlyInMultiLineFields() {
		assertThat(InputText.problem("第一行\r\n第二行\t完", true)).isEmpty();
		assertThat(InputText.problem("张\n三", false)).contains("不能换行或包含制表符");
		assertThat(InputText.multiline("body")).isTrue();
		assertThat(InputText.multiline("note")).isTrue();
		assertThat(InputText.multiline("members")).isTrue();
		assertThat(InputText.multiline("name")).isFalse();
		assertThat(InputText.multiline("members[2].name")).as("a member's name is one line").isFalse();
		assertThat(InputText.multiline("attr_trapped")).isFalse();
	}

	@Test
	void refusesBrokenSurrogatesAndTheReplacementCharacter() {
		assertThat(InputText.problem("a\uD800b", false)).isPresent();
		assertThat(InputText.problem("a\uDC00", false)).isPresent();
		assertThat(InputText.problem("a\uFFFDb", false)).isPresent();
	}

	@Test
	void acceptsChineseEmojiAndJoinedEmoji() {
		assertThat(InputText.problem("3号楼电梯困人 😀 👨\u200D👩\u200D👧 ＡＢＣ", false)).isEmpty();
		assertThat(InputText.problem(null, false)).isEmpty();
		assertThat(InputText.problem("", false)).isEmpty();
	}
}
