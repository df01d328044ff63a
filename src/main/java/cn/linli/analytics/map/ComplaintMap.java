package cn.linli.analytics.map;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.analytics.AppealFigures;
import cn.linli.analytics.Period;
import cn.linli.appeal.IndicatorCounts;
import cn.linli.region.RegionApi;
import cn.linli.registry.RegistryDirectory;
import cn.linli.registry.RegistryFigures;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.security.Role;

/**
 * The map of a city (or a region inside it) or of the province: every compound with coordinates
 * as a point coloured by complaint density (valid complaints per 1,000 households) or 满意率, and
 * for the province each city's figures for the choropleth. The province is the platform
 * administrator's view (figures only, no appeal); a supervisor sees its own region.
 */
@Service
@Transactional(readOnly = true)
public class ComplaintMap {

	public static final String PROVINCE = "37";

	public record Point(long id, String name, double longitude, double latitude, long households, long complaints, Double density, long rated,
			long satisfied, Double satisfactionRate) {
	}

	public record Area(String code, String name, long households, long complaints, Double density, long rated, Double satisfactionRate) {
	}

	public record MapData(String code, String name, int days, List<Area> cities, List<Point> compounds) {
	}

	private final AppealFigures figures;
	private final RegistryDirectory directory;
	private final RegistryFigures sizes;
	private final RegionApi regions;
	private final Clock clock;

	ComplaintMap(AppealFigures figures, RegistryDirectory directory, RegistryFigures sizes, RegionApi regions, Clock clock) {
		this.figures = figures;
		this.directory = directory;
		this.sizes = sizes;
		this.regions = regions;
		this.clock = clock;
	}

	public MapData of(Actor actor, String code, int days) {
		boolean province = PROVINCE.equals(code);
		boolean allowed = province ? actor.role() == Role.ADMIN : actor.scope().coversRegion(code);
		if (!allowed) {
			throw DomainException.notFound("区划");
		}
		var region = regions.find(code).orElseThrow(() -> DomainException.notFound("区划"));
		var period = Period.lastDays(days, clock);
		var counts = figures.byCompound(code, period);
		var points = new ArrayList<Point>();
		for (var place : directory.compoundPlaces(code)) {
			var c = counts.getOrDefault(place.id(), IndicatorCounts.ZERO);
			points.add(new Point(place.id(), place.name(), place.longitude(), place.latitude(), place.households(), c.complaints(),
					density(c.complaints(), place.households()), c.rated(), c.satisfied(), c.rated() == 0 ? null : (double) c.satisfied() / c.rated()));
		}
		var cities = new ArrayList<Area>();
		if (province) {
			var bySize = sizes.sizeByRegion(PROVINCE, 4);
			for (var city : regions.allChildren(PROVINCE)) {
				var c = figures.regionCounts(city.code(), period);
				long households = bySize.containsKey(city.code()) ? bySize.get(city.code()).households() : 0;
				cities.add(new Area(city.code(), city.name(), households, c.complaints(), density(c.complaints(), households), c.rated(),
						c.rated() == 0 ? null : (double) c.satisfied() / c.rated()));
			}
		}
		return new MapData(code, region.name(), days, cities, points);
	}

	private static Double density(long complaints, long households) {
		return households == 0 ? null : complaints * 1000.0 / households;
	}
}
