package cn.linli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.linli.Fixtures;
import cn.linli.LinliTest;
import cn.linli.MutableClock;
import cn.linli.TestSupport.RecordingSmsSender;
import cn.linli.identity.onboarding.BindingHouses;
import cn.linli.identity.onboarding.SigningInByPhone;
import cn.linli.registry.compound.CompoundQuery;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.house.RegisteringHouses;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.web.PageRequest;

/** 业主身份认证: binding a house by matching the registry, a tenant by an owner's invitation, and the throttles on guessing. */
@LinliTest
class BindingHousesTests {

	@Autowired
	BindingHouses binding;

	@Autowired
	SigningInByPhone signIn;

	@Autowired
	RecordingSmsSender sms;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	RegisteringCompounds compounds;

	@Autowired
	RegisteringHouses houses;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	record Resident(long id, String username) {
	}

	Resident signedUp() {
		String phone = Fixtures.phone();
		signIn.requestCode(phone, null, true);
		String username = signIn.verifyCode(phone, sms.lastCode(phone), true);
		return new Resident(jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single(), username);
	}

	@Test
	void anOwnerBindsByMatchingTheRegistryAndInvitesATenant() throws Exception {
		var compound = compounds.search(Fixtures.weihai(), new CompoundQuery("371002", null, null), new PageRequest(0, 1)).content().get(0);
		var building = houses.addBuilding(Fixtures.weihai(), compound.id(), "绑定测试楼", 6);
		String cert = "鲁(2021)威海市不动产权第9900001号";
		var house = houses.registerHouse(Fixtures.weihai(), building.id(), Fixtures.flat("901", cert));
		String id = Fixtures.idNumber();
		houses.addOwner(Fixtures.weihai(), house.id(), Fixtures.owner("欧阳明", id), true);
		var owner = signedUp();

		// every wrong field gets the same answer
		for (String[] attempt : new String[][] { { "欧阳明", "000000", cert }, { "欧阳", id.substring(12), cert },
				{ "欧阳明", id.substring(12), "鲁(2021)威海市不动产权第0000000号" } }) {
			assertThatThrownBy(() -> binding.bindAsOwner(owner.id(), attempt[0], attempt[1], attempt[2]))
				.hasMessage("信息与房屋登记不一致，请核对后重试");
		}
		assertThat(binding.bindAsOwner(owner.id(), "欧阳明", id.substring(12), cert)).isEqualTo(house.id());

		// the bound owner now sees the house, and no other
		var houseJson = mvc.perform(get("/api/v1/houses/" + house.id()).with(user(owner.username()).roles("RESIDENT"))).andReturn().getResponse();
		assertThat(houseJson.getStatus()).isEqualTo(200);
		assertThat(houseJson.getContentAsString()).doesNotContain(id).doesNotContain(cert).contains(id.substring(0, 6) + "************");

		String code = binding.invite(owner.id(), house.id());
		var tenant = signedUp();
		assertThat(binding.acceptInvitation(tenant.id(), code.toLowerCase())).isEqualTo(house.id());
		assertThat(binding.bindings(tenant.id())).containsExactly(new BindingHouses.Binding(house.id(), "TENANT"));
		assertThatThrownBy(() -> binding.acceptInvitation(owner.id(), code)).hasMessage("邀请码无效或已过期");
		// only an owner may invite
		assertThatThrownBy(() -> binding.invite(tenant.id(), house.id())).isInstanceOfSatisfying(DomainException.class,
				e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));

		// when the registry no longer lists the owner (sold), the owner and the tenant they invited lose the house at once
		long registryOwner = houses.house(Fixtures.weihai(), house.id()).owners().get(0).id();
		houses.removeOwner(Fixtures.weihai(), house.id(), registryOwner);
		assertThat(mvc.perform(get("/api/v1/houses/" + house.id()).with(user(owner.username()).roles("RESIDENT"))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/houses/" + house.id()).with(user(tenant.username()).roles("RESIDENT"))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(binding.bindings(tenant.id())).isEmpty();
		assertThatThrownBy(() -> binding.invite(owner.id(), house.id())).isInstanceOfSatisfying(DomainException.class,
				e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
	}

	@Test
	void anInvitationEndsAfterSevenDays() {
		var compound = compounds.search(Fixtures.weihai(), new CompoundQuery("371002", null, null), new PageRequest(0, 1)).content().get(0);
		var building = houses.addBuilding(Fixtures.weihai(), compound.id(), "邀请期限楼", 6);
		String cert = "鲁(2021)威海市不动产权第9900002号";
		var house = houses.registerHouse(Fixtures.weihai(), building.id(), Fixtures.flat("902", cert));
		String id = Fixtures.idNumber();
		houses.addOwner(Fixtures.weihai(), house.id(), Fixtures.owner("司马光", id), true);
		var owner = signedUp();
		binding.bindAsOwner(owner.id(), "司马光", id.substring(12), cert);
		String code = binding.invite(owner.id(), house.id());
		var tenant = signedUp();
		clock.advance(Duration.ofDays(7).plusSeconds(1));
		assertThatThrownBy(() -> binding.acceptInvitation(tenant.id(), code)).hasMessage("邀请码无效或已过期");
	}

	@Test
	void fiveMismatchesLockBindingForThirtyMinutes() {
		var resident = signedUp();
		for (int i = 0; i < 5; i++) {
			assertThatThrownBy(() -> binding.bindAsOwner(resident.id(), "无此人", "123456", "无此证")).hasMessage("信息与房屋登记不一致，请核对后重试");
		}
		assertThatThrownBy(() -> binding.bindAsOwner(resident.id(), "无此人", "123456", "无此证")).hasMessage("认证失败次数过多，请 30 分钟后再试");
		clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		assertThatThrownBy(() -> binding.bindAsOwner(resident.id(), "无此人", "123456", "无此证"))
			.as("the lock ends after thirty minutes of the platform's clock").hasMessage("信息与房屋登记不一致，请核对后重试");
	}

	@Test
	void newAccountsCannotTakeTurnsGuessingOneHouse() {
		String certificate = "鲁(2022)威海市不动产权第7700001号";
		for (int i = 0; i < 10; i++) {
			var guesser = signedUp();
			assertThatThrownBy(() -> binding.bindAsOwner(guesser.id(), "某人", "000000", certificate)).hasMessage("信息与房屋登记不一致，请核对后重试");
		}
		var eleventh = signedUp();
		assertThatThrownBy(() -> binding.bindAsOwner(eleventh.id(), "某人", "000000", certificate)).hasMessage("认证失败次数过多，请 30 分钟后再试");
	}

	@Test
	void theBindPageShowsAnInvitationErrorBesideTheCode() throws Exception {
		var resident = signedUp();
		var page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/app/bind/tenant")
			.with(user(resident.username()).roles("RESIDENT"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()).param("code", "NOPE2345"))
			.andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("<small class=\"field-error\" id=\"code-error\">邀请码无效或已过期</small>");
	}
}
