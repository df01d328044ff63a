package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.linli.identity.domain.PasswordPolicy;
import cn.linli.identity.domain.TemporaryPassword;

class PasswordPolicyTests {

	@Test
	void aChosenPasswordNeedsEightCharactersOfThreeKindsWithoutTheUsername() {
		assertThat(PasswordPolicy.problem("Ab1-xyz", "wang")).hasValue("新密码至少8位");
		assertThat(PasswordPolicy.problem("abcdefgh", "wang")).hasValue("新密码须包含大写字母、小写字母、数字、符号中的至少三类");
		assertThat(PasswordPolicy.problem("abcd1234", "wang")).hasValue("新密码须包含大写字母、小写字母、数字、符号中的至少三类");
		assertThat(PasswordPolicy.problem("Wang-2026x", "wang")).hasValue("新密码不能包含用户名");
		assertThat(PasswordPolicy.problem("a".repeat(127) + "B1", "wang")).hasValue("新密码不能超过128位");
		assertThat(PasswordPolicy.problem(null, "wang")).hasValue("新密码至少8位");
		assertThat(PasswordPolicy.problem("abcd-1234", "wang")).isEmpty();
		assertThat(PasswordPolicy.problem("Abcd1234", "wang")).isEmpty();
		assertThat(PasswordPolicy.problem("物业ab12345", "wang")).as("Chinese characters count as signs").isEmpty();
	}

	@Test
	void temporaryPasswordsAreThreeGroupsOfFourThatPassThePolicy() {
		for (int i = 0; i < 200; i++) {
			String p = TemporaryPassword.generate();
			assertThat(p).matches("[A-HJ-NP-Za-km-np-z2-9]{4}-[A-HJ-NP-Za-km-np-z2-9]{4}-[A-HJ-NP-Za-km-np-z2-9]{4}")
				.containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[2-9]");
			assertThat(PasswordPolicy.problem(p, "someone")).isEmpty();
		}
	}
}
