package cn.linli.fee.board;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fee.FeeAccess;
import cn.linli.fee.FeeChanged;
import cn.linli.registry.HouseKind;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryDirectory.CompoundFacts;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;
import cn.linli.shared.notice.NoticeRequested;
import cn.linli.shared.security.Actor;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.domain.Money;

/**
 * 明码标价: the serving company puts each fee item on the compound's price board — content,
 * standard, billing method, rate, start date, pricing form (a government-guided rate within its float
 * range of the base), basis — and ends it; every change posts the whole board on the notice board
 * for 30 days with the 12358 price hotline.
 */
@Service
@Transactional
public class KeepingThePriceBoard {

	public static final String PRICE_HOTLINE = "12358";

	public record Item(String name, String content, String standard, String billing, String houseKind, Long rateFen, String pricing, Long baseRateFen,
			Integer floatPercent, String basis, LocalDate startsOn) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	KeepingThePriceBoard(JdbcClient jdbc, RegistryDirectory directory, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
	}

	/** Answers the new item's id; every problem of the item is reported at once. */
	public long add(Actor actor, long compoundId, Item item) {
		var c = keeper(actor, compoundId);
		var errors = new FieldErrors();
		errors.check(blank(item.name()) || item.name().strip().length() > 100, "name", "收费项目名称必填，且不超过100字");
		errors.check(blank(item.content()) || item.content().strip().length() > 1000, "content", "请填写服务内容（不超过1000字）");
		errors.check(blank(item.standard()) || item.standard().strip().length() > 1000, "standard", "请填写服务标准（不超过1000字）");
		errors.check(!"AREA_MONTH".equals(item.billing()) && !"HOUSE_MONTH".equals(item.billing()), "billing", "计费方式只能是按面积每月或按户每月");
		if (item.houseKind() != null && !item.houseKind().isBlank()) {
			errors.collect(() -> HouseKind.valueOf(item.houseKind()));
		}
		errors.check(item.rateFen() == null || item.rateFen() <= 0 || item.rateFen() > 100_000_000, "rate", "收费标准须大于 0");
		boolean guided = "GUIDED".equals(item.pricing());
		errors.check(!guided && !"MARKET".equals(item.pricing()), "pricing", "定价方式只能是政府指导价或市场调节价");
		if (guided) {
			errors.check(item.baseRateFen() == null || item.baseRateFen() <= 0, "baseRate", "政府指导价须填写基准价");
			errors.check(item.floatPercent() == null || item.floatPercent() < 0 || item.floatPercent() > 100, "floatPercent", "浮动幅度应为 0–100%");
			if (item.baseRateFen() != null && item.baseRateFen() > 0 && item.floatPercent() != null && item.rateFen() != null
					&& !withinFloat(item.rateFen(), item.baseRateFen(), item.floatPercent())) {
				errors.add("rate", "实际收费标准超出政府指导价的浮动范围（基准价上下 " + item.floatPercent() + "%）");
			}
		}
		errors.check(blank(item.basis()) || item.basis().strip().length() > 300, "basis", "请填写定价依据（如价格主管部门文件、业主大会决定、服务合同）");
		errors.check(item.startsOn() == null, "startsOn", "请填写执行日期");
		errors.throwIfAny();
		long id = jdbc.sql("""
				insert into fee_item (compound_id, name, content, standard, billing, house_kind, rate_fen, pricing, base_rate_fen, float_percent, basis, starts_on)
				values (:c, :n, :ct, :st, :b, :hk, :r, :p, :br, :fp, :basis, :on) returning id""")
			.param("c", compoundId).param("n", item.name().strip()).param("ct", item.content().strip()).param("st", item.standard().strip())
			.param("b", item.billing()).param("hk", blank(item.houseKind()) ? null : item.houseKind()).param("r", item.rateFen()).param("p", item.pricing())
			.param("br", guided ? item.baseRateFen() : null).param("fp", guided ? item.floatPercent() : null).param("basis", item.basis().strip())
			.param("on", Date.valueOf(item.startsOn())).query(Long.class).single();
		events.publishEvent(FeeChanged.of("item-added", "fee_item", id, compoundId, c.name() + " 价目表新增「" + item.name().strip() + "」"));
		post(actor, c);
		return id;
	}

	/** Ends an item from a day on (a rate is changed by ending the old item and adding the new one). */
	public void end(Actor actor, long compoundId, long itemId, LocalDate endsOn) {
		var c = keeper(actor, compoundId);
		if (endsOn == null) {
			throw DomainException.invalid("endsOn", "请填写停止日期");
		}
		int n = jdbc.sql("update fee_item set ends_on = :e, version = version + 1 where id = :id and compound_id = :c and ends_on is null and starts_on <= :e")
			.param("e", Date.valueOf(endsOn)).param("id", itemId).param("c", compoundId).update();
		if (n == 0) {
			throw DomainException.conflict("fee-item", "该收费项目不存在、已停止，或停止日期早于执行日期");
		}
		events.publishEvent(FeeChanged.of("item-ended", "fee_item", itemId, compoundId, c.name() + " 价目表项目自 " + endsOn + " 停止"));
		post(actor, c);
	}

	/** The rate lies within the float range of the base, in integers. */
	static boolean withinFloat(long rate, long base, int percent) {
		return rate * 100 >= base * (100 - percent) && rate * 100 <= base * (100 + percent);
	}

	/** The whole board as it now stands goes on the notice board (收费项目与标准), 30 days. */
	private void post(Actor actor, CompoundFacts c) {
		var today = LocalDate.now(clock.withZone(TimeConfiguration.ZONE));
		var lines = new StringBuilder("本小区物业服务收费实行明码标价：\n");
		jdbc.sql("select name, content, standard, billing, rate_fen, pricing, base_rate_fen, float_percent, basis, starts_on from fee_item"
				+ " where compound_id = :c and (ends_on is null or ends_on >= :d) order by id")
			.param("c", c.id()).param("d", Date.valueOf(today)).query((rs, n) -> lines.append("\n").append(rs.getString(1)).append("：")
				.append(Money.yuan(rs.getLong(5))).append(" 元").append("AREA_MONTH".equals(rs.getString(4)) ? "/平方米·月" : "/户·月")
				.append("GUIDED".equals(rs.getString(6)) ? "（政府指导价，基准价 " + Money.yuan(rs.getLong(7)) + " 元，上下浮动 " + rs.getInt(8) + "%）" : "（市场调节价）")
				.append("，服务内容：").append(rs.getString(2)).append("；服务标准：").append(rs.getString(3)).append("；依据：").append(rs.getString(9))
				.append("；自 ").append(rs.getDate(10)).append(" 起执行。"))
			.list();
		lines.append("\n\n价格举报电话：").append(PRICE_HOTLINE);
		events.publishEvent(new NoticeRequested(c.id(), "FEES", "物业服务收费价目表", lines.toString(), 30, "COMPANY", actor.displayName(),
				"fee_board:" + c.id() + ":" + clock.instant().toEpochMilli()));
	}

	private CompoundFacts keeper(Actor actor, long compoundId) {
		var c = directory.compoundFacts(compoundId).filter(f -> FeeAccess.maySee(actor.scope(), f)).orElseThrow(() -> DomainException.notFound("小区"));
		if (!FeeAccess.mayKeep(actor.scope(), c)) {
			throw DomainException.forbidden("价目表由本小区的物业服务企业维护");
		}
		return c;
	}


	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
