package cn.linli.governance.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.governance.counting.RecountingFiles;
import cn.linli.governance.domain.MotionAccess;
import cn.linli.governance.domain.MotionStatus;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/** A closed vote as the two files anyone authorised can recount with {@code POST /api/v1/governance/tally}. */
@Service
@Transactional(readOnly = true)
public class ExportingTheVote {

	private final MotionAccess access;
	private final JdbcClient jdbc;

	ExportingTheVote(MotionAccess access, JdbcClient jdbc) {
		this.access = access;
		this.jdbc = jdbc;
	}

	private void requireClosed(Actor actor, long motionId) {
		var motion = access.visible(actor, motionId);
		if (!actor.is(Role.COMMUNITY, Role.COMMITTEE)) {
			throw DomainException.forbidden("由社区或业委会导出计票文件");
		}
		if (motion.status() != MotionStatus.CLOSED) {
			throw DomainException.conflict("not-closed", "表决截止后才能导出");
		}
	}

	/** houses.csv: the houses the roll was frozen from. */
	public byte[] houses(Actor actor, long motionId) throws IOException {
		requireClosed(actor, motionId);
		var out = new ByteArrayOutputStream();
		try (var printer = Csv.printer(out, RecountingFiles.HOUSES)) {
			for (var row : jdbc.sql("select house_id, kind, area_centi, owner_ids, developer_held from roll_entry where motion_id = :m order by house_id")
				.param("m", motionId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						String.valueOf(rs.getBoolean(5)))).list()) {
				printer.printRecord(row);
			}
		}
		return out.toByteArray();
	}

	/** ballots.csv: each voter's effective ballot, by the roll's voter id. */
	public byte[] ballots(Actor actor, long motionId) throws IOException {
		requireClosed(actor, motionId);
		var out = new ByteArrayOutputStream();
		try (var printer = Csv.printer(out, RecountingFiles.BALLOTS)) {
			for (var row : jdbc.sql("select voter_id, coalesce(choice, candidates, '') from ballot where motion_id = :m and effective order by id")
				.param("m", motionId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list()) {
				printer.printRecord(row);
			}
		}
		return out.toByteArray();
	}
}
