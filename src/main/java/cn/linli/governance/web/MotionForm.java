package cn.linli.governance.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import cn.linli.governance.domain.MotionDraft;
import cn.linli.governance.query.MotionView;
import cn.linli.shared.time.TimeConfiguration;

/**
 * The convene form as typed (times as {@code datetime-local} in Asia/Shanghai), kept as it is so
 * that a refused form is shown again with everything the convener entered.
 */
public record MotionForm(String matter, String title, String body, String seats, List<String> buildingIds, String opensAt,
		String closesAt, Boolean includeParking, Boolean followMajority, List<String> candidateIds, Integer version) {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	public MotionForm {
		buildingIds = buildingIds == null ? List.of() : buildingIds;
		candidateIds = candidateIds == null ? List.of() : candidateIds;
	}

	static MotionForm blank() {
		return new MotionForm(null, null, null, null, null, null, null, false, false, null, null);
	}

	static MotionForm of(MotionView m) {
		return new MotionForm(String.valueOf(m.matter()), m.title(), m.body(), m.seats() == null ? null : String.valueOf(m.seats()),
				m.buildingIds().stream().map(String::valueOf).toList(), local(m.opensAt()), local(m.closesAt()), m.includeParking(),
				m.followMajority(), m.candidates().stream().map(MotionView.Candidate::ownerId).toList(), m.version());
	}

	/** What was typed as a draft; a value that cannot be read is left out, and the draft names it as missing. */
	MotionDraft draft() {
		return new MotionDraft(number(matter), title, body, number(seats), buildingIds.stream().map(MotionForm::id).toList(), instant(opensAt),
				instant(closesAt), Boolean.TRUE.equals(includeParking), Boolean.TRUE.equals(followMajority), candidateIds);
	}

	public boolean hasBuilding(long id) {
		return buildingIds.contains(String.valueOf(id));
	}

	public boolean hasCandidate(long ownerId) {
		return candidateIds.contains(String.valueOf(ownerId));
	}

	private static Integer number(String s) {
		try {
			return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static Long id(String s) {
		try {
			return Long.valueOf(s.trim());
		}
		catch (NumberFormatException e) {
			// no building has this id: the draft reports the scope as not of this compound
			return -1L;
		}
	}

	private static Instant instant(String local) {
		try {
			return local == null || local.isBlank() ? null : LocalDateTime.parse(local.trim()).atZone(TimeConfiguration.ZONE).toInstant();
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	private static String local(Instant t) {
		return t == null ? null : LOCAL.format(t.atZone(TimeConfiguration.ZONE));
	}
}
