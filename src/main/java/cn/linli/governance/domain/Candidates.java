package cn.linli.governance.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import cn.linli.shared.domain.DomainException;

/**
 * A list of candidate ids as a person gives it — nominating, marking a ballot or in a recounted
 * file: trimmed, blanks dropped, and a candidate named twice refused, because a silently dropped
 * duplicate hides a mistake on a ballot that must be counted as its voter meant it.
 */
public final class Candidates {

	private Candidates() {
	}

	/** The ids in the order given; refuses the first one given twice, as an error of {@code field}. */
	public static List<String> of(List<String> given, String field) {
		var ids = new ArrayList<String>();
		var seen = new HashSet<String>();
		for (String raw : given == null ? List.<String>of() : given) {
			if (raw == null || raw.isBlank()) {
				continue;
			}
			String id = raw.trim();
			if (!seen.add(id)) {
				throw DomainException.invalid(field, "候选人「" + id + "」重复，每位候选人只能出现一次");
			}
			ids.add(id);
		}
		return List.copyOf(ids);
	}
}
