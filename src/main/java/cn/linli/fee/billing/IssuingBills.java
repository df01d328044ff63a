package cn.linli.fee.billing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fee.FeeAccess;
import cn.linli.fee.FeeChanged;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Money;
import cn.linli.shared.security.Actor;

/**
 * 开具账单: the company bills every house of the compound for a month from the price board in force
 * in it — a rate per m² × the house's area (half up to the fen), or a rate per house; items for one
 * kind of house bill only those. A house billed for the month is not billed again.
 */
@Service
@Transactional
public class IssuingBills {

	public record Issued(YearMonth period, int bills, long amountFen) {
	}

	record Rate(String name, String billing, String houseKind, long rateFen) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	IssuingBills(JdbcClient jdbc, RegistryDirectory directory, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
	}

	public Issued issue(Actor actor, long compoundId, YearMonth period) {
		var c = directory.compoundFacts(compoundId).filter(f -> FeeAccess.maySee(actor.scope(), f)).orElseThrow(() -> DomainException.notFound("小区"));
		if (!FeeAccess.mayKeep(actor.scope(), c)) {
			throw DomainException.forbidden("账单由本小区的物业服务企业开具");
		}
		if (period == null || period.isBefore(YearMonth.of(2000, 1)) || period.isAfter(YearMonth.now(clock).plusMonths(1))) {
			throw DomainException.invalid("period", "账期应为 2000 年 1 月至下月之间");
		}
		LocalDate first = period.atDay(1);
		var rates = jdbc.sql("""
				select name, billing, house_kind, rate_fen from fee_item
				where compound_id = :c and starts_on <= :last and (ends_on is null or ends_on >= :first) order by id""")
			.param("c", compoundId).param("first", Date.valueOf(first)).param("last", Date.valueOf(period.atEndOfMonth()))
			.query((rs, n) -> new Rate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
		if (rates.isEmpty()) {
			throw DomainException.invalid("period", "该账期没有执行中的收费项目，请先在价目表中公示收费标准");
		}
		var houses = new ArrayList<Long>();
		var amounts = new ArrayList<Long>();
		var lines = new ArrayList<String>();
		for (var h : directory.housesOfCompound(compoundId)) {
			long amount = 0;
			var text = new StringBuilder();
			for (var r : rates) {
				if (r.houseKind() != null && !r.houseKind().equals(h.kind().name())) {
					continue;
				}
				long line = "AREA_MONTH".equals(r.billing()) ? Money.perSquareMetre(r.rateFen(), h.exclusiveAreaCenti()) : r.rateFen();
				amount = Math.addExact(amount, line);
				text.append(r.name()).append('|').append("AREA_MONTH".equals(r.billing()) ? Money.yuan(r.rateFen()) + " 元/m²×" + Money.area(h.exclusiveAreaCenti()) + " m²"
						: Money.yuan(r.rateFen()) + " 元/户").append('|').append(line).append('\n');
			}
			if (amount > 0) {
				houses.add(h.houseId());
				amounts.add(amount);
				lines.add(text.toString().strip());
			}
		}
		record Row(int n, long total) {
		}
		var done = jdbc.sql("""
				with issued as (insert into fee_bill (compound_id, house_id, period, amount_fen, lines, issued_at)
				  select :c, * , :at from unnest(:h::bigint[], array_fill(:p::date, array[cardinality(:h::bigint[])]), :a::bigint[], :l::text[])
				  on conflict (house_id, period) do nothing returning amount_fen)
				select count(*), coalesce(sum(amount_fen), 0) from issued""")
			.param("c", compoundId).param("at", Timestamp.from(clock.instant())).param("h", houses.toArray(Long[]::new)).param("p", Date.valueOf(first))
			.param("a", amounts.toArray(Long[]::new)).param("l", lines.toArray(String[]::new))
			.query((rs, n) -> new Row(rs.getInt(1), rs.getLong(2))).single();
		if (done.n() > 0) {
			events.publishEvent(FeeChanged.of("billed", "compound", compoundId, compoundId,
					c.name() + " " + period + " 开具账单 " + done.n() + " 户，合计 " + Money.yuan(done.total()) + " 元"));
		}
		return new Issued(period, done.n(), done.total());
	}


}
