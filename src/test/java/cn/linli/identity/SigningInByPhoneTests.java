package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestSupport.RecordingSmsSender;
import cn.linli.identity.onboarding.SigningInByPhone;
import cn.linli.shared.domain.DomainException;

/** Residents sign in by phone: one-time codes, where they went, when to ask again, and the privacy consent. */
@LinliTest
class SigningInByPhoneTests {

	@Autowired
	SigningInByPhone signIn;

	@Autowired
	RecordingSmsSender sms;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	MockMvc mvc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	static String masked(String phone) {
		return phone.substring(0, 3) + "****" + phone.substring(7);
	}

	static RequestPostProcessor from(String ip) {
		return request -> {
			request.setRemoteAddr(ip);
			return request;
		};
	}

	@Test
	void aCodeSaysWhereItWentAndWhenAnotherMayBeAsked() {
		String phone = Fixtures.phone();
		Instant before = clock.instant();
		var sent = signIn.requestCode(phone, "10.2.0.1", true);
		Instant after = clock.instant();
		assertThat(sent.maskedPhone()).isEqualTo(masked(phone));
		assertThat(sent.resendAt()).isBetween(before.plusSeconds(60), after.plusSeconds(60));
		assertThat(sent.secondsToResend(sent.resendAt().minusMillis(59_001))).isEqualTo(60);
		assertThat(sent.secondsToResend(sent.resendAt())).isZero();

		clock.advance(Duration.ofSeconds(45));
		assertThatThrownBy(() -> signIn.requestCode(phone, "10.2.0.1", true)).hasMessageMatching("验证码已发送，请 1[45] 秒后再试");
		clock.advance(Duration.ofSeconds(16));
		var again = signIn.requestCode(phone, "10.2.0.1", true);
		assertThat(again.resendAt()).isAfter(sent.resendAt().plusSeconds(60));
	}

	@Test
	void codesAreSingleUseAndExpireAfterFiveMinutesOfThePlatformsClock() {
		String phone = Fixtures.phone();
		signIn.requestCode(phone, "10.2.0.2", true);
		String code = sms.lastCode(phone);
		String wrong = code.equals("000000") ? "111111" : "000000";
		assertThatThrownBy(() -> signIn.verifyCode(phone, wrong, true)).hasMessage("验证码错误或已过期，请重新获取");
		String username = signIn.verifyCode(phone, code, true);
		assertThat(username).as("usernames never show the phone").matches("r-[a-z2-9]{10}").doesNotContain(phone.substring(3));
		assertThatThrownBy(() -> signIn.verifyCode(phone, code, true)).as("single use").hasMessage("验证码错误或已过期，请重新获取");

		String late = Fixtures.phone();
		signIn.requestCode(late, "10.2.0.2", true);
		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThatThrownBy(() -> signIn.verifyCode(late, sms.lastCode(late), true)).hasMessage("验证码错误或已过期，请重新获取");
		assertThat(signIn.pending(late)).as("an expired code is no longer pending").isEmpty();
	}

	@Test
	void fiveWrongCodesEndACode() {
		String phone = Fixtures.phone();
		signIn.requestCode(phone, "10.2.0.3", true);
		String code = sms.lastCode(phone);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(() -> signIn.verifyCode(phone, wrong, true)).hasMessage("验证码错误或已过期，请重新获取");
		}
		assertThatThrownBy(() -> signIn.verifyCode(phone, code, true)).hasMessage("验证码错误次数过多，请重新获取");
	}

	@Test
	void twentyCodesAnHourFromOneAddressAndFiveToOneNumber() {
		for (int i = 0; i < 20; i++) {
			signIn.requestCode(Fixtures.phone(), "10.9.9.9", true);
		}
		assertThatThrownBy(() -> signIn.requestCode(Fixtures.phone(), "10.9.9.9", true)).hasMessage("获取验证码过于频繁，请一小时后再试");

		String phone = Fixtures.phone();
		for (int i = 0; i < 5; i++) {
			signIn.requestCode(phone, "10.9.8." + i, true);
			clock.advance(Duration.ofSeconds(61));
		}
		assertThatThrownBy(() -> signIn.requestCode(phone, "10.9.8.9", true)).hasMessage("获取验证码过于频繁，请一小时后再试");
		clock.advance(Duration.ofHours(1));
		assertThat(signIn.requestCode(phone, "10.9.8.9", true).maskedPhone()).isEqualTo(masked(phone));
	}

	@Test
	void signingUpWithoutConsentIsRefusedWithEveryFieldAtOnce() {
		assertThatThrownBy(() -> signIn.requestCode("12345", "10.2.0.4", false)).isInstanceOfSatisfying(DomainException.class,
				e -> assertThat(e.fieldErrors()).containsExactly(
						new DomainException.FieldError("phone", "手机号码格式错误：应为11位中国大陆手机号"),
						new DomainException.FieldError("consent", "请先阅读并同意《个人信息保护说明》")));

		String phone = Fixtures.phone();
		signIn.requestCode(phone, "10.2.0.4", true);
		String code = sms.lastCode(phone);
		assertThatThrownBy(() -> signIn.verifyCode(phone, code, false)).isInstanceOfSatisfying(DomainException.class,
				e -> assertThat(e.fieldErrors()).containsExactly(new DomainException.FieldError("consent", "请先阅读并同意《个人信息保护说明》")));
		assertThat(jdbc.sql("select count(*) from app_user where phone = ?").param(phone).query(Long.class).single())
			.as("no account without consent").isZero();
		assertThat(signIn.pending(phone)).as("the code is still there to use once consent is given").isPresent();
	}

	@Test
	void theConsentIsRecordedWithTheNoticeVersionAndTimeOncePerVersion() {
		String phone = Fixtures.phone();
		signIn.requestCode(phone, "10.2.0.5", true);
		clock.advance(Duration.ofMinutes(2));
		Instant signedUpAt = clock.instant();
		String username = signIn.verifyCode(phone, sms.lastCode(phone), true);
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		record Consent(String version, Instant at) {
		}
		List<Consent> consents = jdbc.sql("select notice_version, consented_at from privacy_consent where user_id = ?").param(userId)
			.query((rs, n) -> new Consent(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
		assertThat(consents).singleElement().satisfies(c -> {
			assertThat(c.version()).isEqualTo("2026-01");
			assertThat(c.at()).isBetween(signedUpAt.truncatedTo(ChronoUnit.MILLIS), signedUpAt.plusSeconds(2));
		});
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'consent.given' and subject_id = ?").param(String.valueOf(userId))
			.query(Long.class).single()).isOne();

		clock.advance(Duration.ofMinutes(2));
		signIn.requestCode(phone, "10.2.0.5", true);
		assertThat(signIn.verifyCode(phone, sms.lastCode(phone), true)).isEqualTo(username);
		assertThat(jdbc.sql("select count(*) from privacy_consent where user_id = ?").param(userId).query(Long.class).single())
			.as("signing in again under the same notice adds no second consent").isOne();
	}

	@Test
	void theCodePageShowsTheMaskedNumberAndCountsDownToAResend() throws Exception {
		String phone = Fixtures.phone();
		var page = mvc.perform(post("/app/signup/code").with(csrf()).with(from("10.2.0.6")).param("phone", phone).param("consent", "true"))
			.andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("验证码已发送至 <b>" + masked(phone) + "</b>")
			.containsPattern("id=\"resend\" data-countdown=\"(60|59)\"").contains("src=\"/js/countdown.js\"");

		clock.advance(Duration.ofSeconds(50));
		var early = mvc.perform(post("/app/signup/code").with(csrf()).with(from("10.2.0.6")).param("phone", phone).param("consent", "true"))
			.andReturn().getResponse();
		assertThat(early.getContentAsString()).containsPattern("验证码已发送，请 (10|9) 秒后再试")
			.as("the code already sent can still be typed in").contains("name=\"code\"").containsPattern("data-countdown=\"(10|9)\"");
	}

	@Test
	void thePageRefusesWithoutConsentBesideTheBox() throws Exception {
		var page = mvc.perform(post("/app/signup/code").with(csrf()).with(from("10.2.0.7")).param("phone", Fixtures.phone()))
			.andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("<small class=\"field-error\" id=\"consent-error\">请先阅读并同意《个人信息保护说明》</small>")
			.doesNotContain("验证码已发送至");
	}

	@Test
	void aResidentSignsInOnThePhonePageAndTheSessionIdChanges() throws Exception {
		String phone = Fixtures.phone();
		var session = new MockHttpSession();
		mvc.perform(post("/app/signup/code").session(session).with(csrf()).with(from("10.2.0.8")).param("phone", phone).param("consent", "true"));
		String before = session.getId();
		var result = mvc.perform(post("/app/signup/verify").session(session).with(csrf()).param("phone", phone)
			.param("code", sms.lastCode(phone)).param("consent", "true")).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/app");
		assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
		var app = mvc.perform(get("/app").session((MockHttpSession) result.getRequest().getSession())).andReturn().getResponse();
		assertThat(app.getStatus()).isEqualTo(200);
		assertThat(app.getContentAsString()).contains("请先认证房屋").contains("href=\"/app/bind\"");
	}

	@Test
	void aSessionThatRanOutOnAResidentPageReturnsThereAfterSigningInAgain() throws Exception {
		var session = new MockHttpSession();
		var refused = mvc.perform(get("/app/bind").session(session)).andReturn().getResponse();
		assertThat(refused.getRedirectedUrl()).isEqualTo("/app/signup");
		String phone = Fixtures.phone();
		mvc.perform(post("/app/signup/code").session(session).with(csrf()).with(from("10.2.0.9")).param("phone", phone).param("consent", "true"));
		var result = mvc.perform(post("/app/signup/verify").session(session).with(csrf()).param("phone", phone)
			.param("code", sms.lastCode(phone)).param("consent", "true")).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/app/bind");
	}

	@Test
	void thePrivacyNoticeIsPublicAndNamesWhatIsKept() throws Exception {
		var page = mvc.perform(get("/app/privacy")).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("版本 2026-01", "手机号码", "身份证号", "哈希值", "房屋认证", "诉求和照片", "表决票",
				"保存多久", "谁能看到", "15个工作日内答复");
	}

	@Test
	void aStaffNumberCannotSignInAsAResident() {
		String phone = "13912340001";
		jdbc.sql("update app_user set phone = :p where username = 'city'").param("p", phone).update();
		try {
			signIn.requestCode(phone, "10.2.0.10", true);
			assertThatThrownBy(() -> signIn.verifyCode(phone, sms.lastCode(phone), true))
				.hasMessage("该手机号属于工作人员账号，请使用用户名密码登录");
		}
		finally {
			jdbc.sql("update app_user set phone = null where username = 'city'").update();
		}
	}
}
