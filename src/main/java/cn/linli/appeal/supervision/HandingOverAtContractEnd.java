package cn.linli.appeal.supervision;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.domain.AppealScope;
import cn.linli.appeal.domain.AppealSteps;
import cn.linli.registry.RegistryDirectory;

/**
 * 合同到期移交: open appeals still with a company whose contract for the compound has ended (and
 * that no supervisor sent there) go to whoever serves the compound now — the new company, or the
 * community. Without this the company would lose sight of them and nobody would act until a clock
 * ran out.
 */
@Service
@Transactional
public class HandingOverAtContractEnd {

	/** Appeals handed over per transaction; the job repeats until fewer are left. */
	public static final int BATCH = 500;

	private final AppealSteps steps;
	private final RegistryDirectory directory;
	private final JdbcClient jdbc;
	private final Clock clock;

	HandingOverAtContractEnd(AppealSteps steps, RegistryDirectory directory, JdbcClient jdbc, Clock clock) {
		this.steps = steps;
		this.directory = directory;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One batch; returns how many appeals were handed over. */
	public int handOverEndedContracts() {
		var due = jdbc.sql("select a.id from appeal a where a.handler_kind = 'COMPANY' and a.status in "
				+ AppealStatus.sqlList(AppealStatus::withHandler) + " and not " + AppealScope.CONTRACT_IN_FORCE + " and not "
				+ AppealScope.ROUTED_BY_SUPERVISOR + " order by a.id limit " + BATCH + " for update of a skip locked")
			.param("today", AppealScope.today(clock)).query(Long.class).list();
		// the contracted company and its name, looked up once per compound of the batch
		record Successor(Long companyId, String name) {
		}
		Map<Long, Successor> successors = new HashMap<>();
		for (long id : due) {
			var a = steps.load(id);
			var successor = successors.computeIfAbsent(a.compoundId(), c -> {
				Long company = directory.compoundFacts(c).map(RegistryDirectory.CompoundFacts::companyId).orElse(null);
				return new Successor(company, company == null ? null
						: Optional.ofNullable(directory.companyNames(List.of(company)).get(company)).orElse("物业企业"));
			});
			steps.apply(null, a, (x, now) -> x.handOverAtContractEnd(successor.companyId(), successor.name(), now));
		}
		return due.size();
	}
}
