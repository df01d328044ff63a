package cn.linli.appeal.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.linli.appeal.CompoundIndicators;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.Rating;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.appeal.query.Durations;
import cn.linli.appeal.text.AppealText;
import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;

/**
 * 聚焦物业·你呼我应: the public column of a compound and of a community, open without login. It
 * shows what was raised and how it was answered — never names, phone numbers or house numbers:
 * the place is the building, the text goes through {@link AppealText#forPublic}.
 */
@Controller
class PublicColumn {

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final RegionApi regions;
	private final CompoundIndicators indicators;
	private final AppealText text;
	private final Clock clock;

	PublicColumn(JdbcClient jdbc, RegistryDirectory directory, RegionApi regions, CompoundIndicators indicators, AppealText text, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.regions = regions;
		this.indicators = indicators;
		this.text = text;
		this.clock = clock;
	}

	public record PublicAppeal(long id, String kind, String category, String building, String text, String status, Instant raisedAt,
			String answeredIn, Instant resolvedAt, String rating, String compound) {
	}

	@GetMapping("/public/compounds/{id}")
	String compound(@PathVariable long id, Model model) {
		var compound = directory.compoundFacts(id).orElseThrow(() -> DomainException.notFound("小区"));
		// not "title": the layout's fragment parameter of that name would shadow it
		model.addAttribute("heading", compound.name());
		model.addAttribute("compoundId", id);
		model.addAttribute("community", regions.find(compound.communityCode()).orElse(null));
		model.addAttribute("last30", indicators.lastDays(id, 30));
		model.addAttribute("last90", indicators.lastDays(id, 90));
		model.addAttribute("appeals", appeals("a.compound_id = :k", id));
		return "appeal/public";
	}

	@GetMapping("/public/communities/{code}")
	String community(@PathVariable String code, Model model) {
		if (code == null || !code.matches("\\d{12}")) {
			throw DomainException.notFound("社区");
		}
		var region = regions.find(code).orElseThrow(() -> DomainException.notFound("社区"));
		model.addAttribute("heading", region.name());
		model.addAttribute("community", region);
		var compounds = directory.compoundsOfCommunity(code);
		model.addAttribute("compounds", compounds.entrySet().stream()
			.map(e -> new CompoundFigures(e.getKey(), e.getValue(), indicators.lastDays(e.getKey(), 30), indicators.lastDays(e.getKey(), 90)))
			.toList());
		model.addAttribute("appeals", appeals("a.community_code = :k", code));
		return "appeal/public";
	}

	public record CompoundFigures(long id, String name, IndicatorCounts last30, IndicatorCounts last90) {
	}

	private List<PublicAppeal> appeals(String where, Object key) {
		var now = clock.instant();
		record Raw(long id, String kind, String category, long compoundId, Long buildingId, String body, String status, Instant created,
				Instant accepted, Instant resolved, String rating) {
		}
		var raws = jdbc.sql("""
				select a.id, a.kind, ac.name, a.compound_id, a.building_id, a.body, a.status, a.created_at, a.accepted_at, a.resolved_at, a.rating
				from appeal a join appeal_category ac on ac.code = a.category
				where """ + " " + where + " and a.created_at >= :since order by a.created_at desc limit 100")
			.param("k", key).param("since", Timestamp.from(now.minus(Duration.ofDays(90))))
			.query((rs, n) -> new Raw(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), (Long) rs.getObject(5, Long.class),
					rs.getString(6), rs.getString(7), AppealQueries.instant(rs, "created_at"), AppealQueries.instant(rs, "accepted_at"),
					AppealQueries.instant(rs, "resolved_at"), rs.getString(11)))
			.list();
		var buildings = directory.buildingNames(raws.stream().map(Raw::buildingId).filter(java.util.Objects::nonNull).toList());
		var compounds = directory.compoundNames(raws.stream().map(Raw::compoundId).toList());
		return raws.stream().map(r -> new PublicAppeal(r.id(), AppealKind.valueOf(r.kind()).label(), r.category(),
				r.buildingId() == null ? "公共部位" : buildings.get(r.buildingId()), AppealQueries.abbreviate(text.forPublic(r.body())),
				AppealStatus.valueOf(r.status()).label(), r.created(),
				r.accepted() == null ? "未签收" : Durations.words(Duration.between(r.created(), r.accepted())), r.resolved(),
				r.rating() == null ? "—" : Rating.valueOf(r.rating()).label(), compounds.get(r.compoundId()))).toList();
	}
}
