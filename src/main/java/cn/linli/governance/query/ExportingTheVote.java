package cn.linli.governance;

import java.io.IOException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.shared.csv.Csv;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/** A closed vote as the two files anyone authorised can recount with {@code POST /api/v1/governance/tally}. */
@Service
@Transactional(readOnly = true)
public class GovernanceExports {

	private final OwnersDecisions decisions;
	private final JdbcClient jdbc;

	GovernanceExports(OwnersDecisions decisions, JdbcClient jdbc) {
		this.decisions = decisions;
		this.jdbc = jdbc;
	}

	private void requireClosed(Actor actor, long motionId) {
		var motion = decisions.get(actor, motionId);
		if (!(actor.role() == Role.COMMUNITY || actor.role() == Role.COMMITTEE)) {
			throw DomainException.forbidden("由社区或业委会导出计票文件");
		}
		if (motion.status() != MotionStatus.CLOSED) {
			throw DomainException.conflict("not-closed", "表决截止后才能导出");
		}
	}

	public byte[] houses(Actor actor, long motionId) throws IOException {
		requireClosed(actor, motionId);
		var out = new java.io.ByteArrayOutputStream();
		try (var printer = Csv.printer(out, TallyFiles.HOUSES)) {
			for (var row : jdbc.sql("select house_id, kind, area_centi, owner_ids, developer_held from roll_entry where motion_id = :m order by house_id")
				.param("m", motionId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						String.valueOf(rs.getBoolean(5)))).list()) {
				printer.printRecord(row);
			}
		}
		return out.toByteArray();
	}

	public byte[] ballots(Actor actor, long motionId) throws IOException {
		requireClosed(actor, motionId);
		var out = new java.io.ByteArrayOutputStream();
		try (var printer = Csv.printer(out, TallyFiles.BALLOTS)) {
			for (var row : jdbc.sql("select voter_id, coalesce(choice, candidates, '') from ballot where motion_id = :m and effective order by id")
				.param("m", motionId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list()) {
				printer.printRecord(row);
			}
		}
		return out.toByteArray();
	}
}
