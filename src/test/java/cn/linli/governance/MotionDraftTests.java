package cn.linli.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.linli.governance.domain.Candidates;
import cn.linli.governance.domain.MotionDraft;
import cn.linli.shared.domain.DomainException;

class MotionDraftTests {

	static final Instant OPENS = Instant.parse("2026-03-01T00:00:00Z");

	static List<String> fields(MotionDraft draft) {
		try {
			draft.problems().throwIfAny();
			return List.of();
		}
		catch (DomainException e) {
			return e.fieldErrors().stream().map(DomainException.FieldError::field).toList();
		}
	}

	@Test
	void everyProblemOfADraftIsReportedAtOnce() {
		var draft = new MotionDraft(3, " ", null, null, List.of(), OPENS, OPENS.minusSeconds(60), true, true, List.of("1", "2"));
		assertThat(fields(draft)).containsExactly("title", "body", "seats", "closesAt", "followMajority");
	}

	@Test
	void aValidDraftHasNoProblems() {
		var draft = new MotionDraft(3, "选举第二届业主委员会", "应选3人", 3, List.of(), OPENS, OPENS.plusSeconds(3600), false, false,
				List.of("1", "2", " ", "3"));
		assertThat(fields(draft)).isEmpty();
		assertThat(draft.candidates()).as("blanks are not candidates").containsExactly("1", "2", "3");
	}

	@Test
	void aCandidateNamedTwiceIsRefusedNotDropped() {
		var draft = new MotionDraft(3, "选举", "应选3人", 3, List.of(), OPENS, OPENS.plusSeconds(3600), false, false, List.of("1", "2", "3", "2"));
		assertThat(fields(draft)).containsExactly("candidateIds");
		assertThatThrownBy(() -> draft.problems().throwIfAny()).hasMessage("候选人「2」重复，每位候选人只能出现一次");
		assertThatThrownBy(() -> Candidates.of(List.of("7", " 7"), "candidates")).isInstanceOfSatisfying(DomainException.class,
				e -> assertThat(e.field()).isEqualTo("candidates"));
	}

	@Test
	void seatsBelongToElectionsOnly() {
		var draft = new MotionDraft(4, "续聘", "是否续聘", 5, List.of(), OPENS, OPENS.plusSeconds(3600), false, false, List.of("1"));
		assertThat(fields(draft)).containsExactly("seats", "candidateIds");
		assertThat(fields(new MotionDraft(null, "续聘", "是否续聘", null, null, null, null, false, false, null)))
			.containsExactly("matter", "opensAt", "closesAt");
	}
}
