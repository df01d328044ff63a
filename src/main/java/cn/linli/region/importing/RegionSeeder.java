package cn.linli.region.importing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import cn.linli.region.Region;
import cn.linli.region.RegionApi;

/** Loads the Shandong division files the product ships, on the first start only. */
@Component
@Order(10)
class RegionSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RegionSeeder.class);

	private final RegionApi regions;
	private final RegionImporter importer;
	private final boolean enabled;

	RegionSeeder(RegionApi regions, RegionImporter importer, @Value("${linli.regions.seed:true}") boolean enabled) {
		this.regions = regions;
		this.importer = importer;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		seedIfEmpty();
	}

	void seedIfEmpty() {
		if (enabled && regions.isEmpty()) {
			log.info("Region table is empty: loading the shipped Shandong division codes");
			importer.importFiles(RegionFileSet.ofClasspath("regions/shandong"), RegionImporter.Progress.NONE);
		}
	}
}
