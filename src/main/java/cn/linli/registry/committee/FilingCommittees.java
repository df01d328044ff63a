package cn.linli.registry.committee;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.registry.RegistryChanged;
import cn.linli.registry.committee.CommitteeView.MemberView;
import cn.linli.registry.committee.OwnersCommittee.Member;
import cn.linli.registry.committee.OwnersCommittee.Position;
import cn.linli.registry.compound.RegisteringCompounds;
import cn.linli.registry.domain.Cells;
import cn.linli.registry.domain.CompoundScopes;
import cn.linli.registry.domain.RegistryPermissions;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Scope;

/** Owners' assemblies and committees; their record is public to everyone who sees the compound. */
@Service
@Transactional
public class FilingCommittees {

	private final CommitteeRepository committees;
	private final RegisteringCompounds compounds;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final CompoundScopes scopes;

	FilingCommittees(CommitteeRepository committees, RegisteringCompounds compounds, JdbcClient jdbc,
			ApplicationEventPublisher events, CompoundScopes scopes) {
		this.scopes = scopes;
		this.committees = committees;
		this.compounds = compounds;
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<CommitteeView> forCompound(Scope scope, long compoundId) {
		compounds.get(scope, compoundId);
		var ids = jdbc.sql("select id from owners_committee where compound_id = :c order by formed_on desc")
			.param("c", compoundId).query(Long.class).list();
		var today = scopes.today();
		return ids.stream().map(id -> committees.findById(id).orElseThrow()).map(c -> view(c, today)).toList();
	}

	public record MemberInput(String name, String position) {
	}

	public CommitteeView form(Scope scope, long compoundId, LocalDate formedOn, LocalDate termEndsOn, LocalDate filedOn,
			List<MemberInput> members) {
		var compound = compounds.get(scope, compoundId);
		RegistryPermissions.requireRegionalOver(scope, compound.communityCode());
		var list = members.stream().filter(m -> m.name() != null && !m.name().isBlank())
			.map(m -> new Member(m.name().trim(), Cells.choice(Position.class, Position::label, m.position(), "position"), null))
			.toList();
		var committee = committees.save(
				OwnersCommittee.form(compoundId, compound.households(), formedOn, termEndsOn, filedOn, list));
		jdbc.sql("""
				insert into owners_assembly (compound_id, formed_on) values (:c, :d)
				on conflict (compound_id) do nothing""").param("c", compoundId).param("d", formedOn).update();
		events.publishEvent(RegistryChanged.of("committee", "formed", committee.id, "compound " + compoundId));
		return view(committee, scopes.today());
	}

	public CommitteeView file(Scope scope, long committeeId, LocalDate filedOn, Integer version) {
		var committee = committees.findById(committeeId).orElseThrow(() -> DomainException.notFound("业委会"));
		var compound = compounds.get(scope, committee.compoundId);
		RegistryPermissions.requireRegionalOver(scope, compound.communityCode());
		committee.file(filedOn, version);
		committees.save(committee);
		events.publishEvent(RegistryChanged.of("committee", "filed", committeeId, "filed on " + filedOn));
		return view(committee, scopes.today());
	}

	private static CommitteeView view(OwnersCommittee c, LocalDate today) {
		var members = c.members.stream()
			.sorted(Comparator.comparing((Member m) -> m.position().ordinal()).thenComparing(Member::name))
			.map(m -> new MemberView(m.name(), m.position().name(), m.position().label()))
			.toList();
		boolean inTerm = !today.isBefore(c.formedOn) && today.isBefore(c.termEndsOn);
		return new CommitteeView(c.id, c.compoundId, c.formedOn, c.termEndsOn, c.filedOn, inTerm, members, c.version);
	}
}
