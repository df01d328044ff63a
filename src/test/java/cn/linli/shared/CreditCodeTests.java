package cn.linli.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.linli.shared.domain.CreditCode;
import cn.linli.shared.domain.DomainException;

class CreditCodeTests {

	/** Codes of real, registered organisations, as published in the national credit register. */
	static List<String> realCodes() {
		return List.of("91350100M000100Y43", "914403001922038216", "91440300708461136T", "91110108551385082Q",
				"91330100799655058B");
	}

	@ParameterizedTest
	@MethodSource("realCodes")
	void acceptsRealCodes(String code) {
		assertThat(CreditCode.isValid(code)).isTrue();
		assertThat(CreditCode.of(code.toLowerCase()).value()).isEqualTo(code);
	}

	@ParameterizedTest
	@MethodSource("realCodes")
	void rejectsEverySingleCharacterCorruption(String code) {
		String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		for (int i = 0; i < code.length(); i++) {
			for (char c : alphabet.toCharArray()) {
				if (c == code.charAt(i)) {
					continue;
				}
				String corrupted = code.substring(0, i) + c + code.substring(i + 1);
				assertThat(CreditCode.isValid(corrupted)).as(corrupted).isFalse();
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "91350100M000100Y4", "91350100M000100Y433", "91350100M000100I43", "91350100M000100O43",
			"91350100M00010 Y43" })
	void rejectsMalformedCodes(String code) {
		assertThat(CreditCode.isValid(code)).isFalse();
		assertThatThrownBy(() -> CreditCode.of(code)).isInstanceOf(DomainException.class)
			.hasMessageContaining("统一社会信用代码无效");
	}

	@ParameterizedTest
	@MethodSource("realCodes")
	void computesTheCheckCharacterOfRealCodes(String code) {
		assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
	}
}
