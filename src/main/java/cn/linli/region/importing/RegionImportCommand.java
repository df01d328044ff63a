package cn.linli.region.importing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import cn.linli.region.Region;

/**
 * {@code --import-regions=DIR}: imports a division file set from the command line, prints progress
 * and exits (status 0 on success, 2 when the set was rejected).
 */
@Component
@Order(5)
class RegionImportCommand implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RegionImportCommand.class);

	private final RegionImporter importer;
	private final ApplicationContext context;

	RegionImportCommand(RegionImporter importer, ApplicationContext context) {
		this.importer = importer;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption("import-regions")) {
			return;
		}
		Path dir = Path.of(args.getOptionValues("import-regions").get(0));
		int status;
		if (!Files.isDirectory(dir)) {
			System.err.println("不是目录：" + dir);
			status = 2;
		}
		else {
			try {
				var report = importer.importFiles(RegionFileSet.ofDirectory(dir),
						(file, rows) -> System.out.printf("  %s: %,d 行%n", file, rows));
				System.out.printf("区划导入完成：新增 %,d，更新 %,d，未变 %,d，用时 %,d ms%n", report.inserted(), report.updated(),
						report.unchanged(), report.millis());
				status = 0;
			}
			catch (RegionImportRejected e) {
				e.errors().forEach(err -> System.err.println(err));
				System.err.println("导入被拒绝，未写入任何数据");
				status = 2;
			}
		}
		log.info("Region import command finished with status {}", status);
		int exit = status;
		System.exit(SpringApplication.exit(context, () -> exit));
	}
}
