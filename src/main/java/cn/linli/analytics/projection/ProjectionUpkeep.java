package cn.linli.analytics.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;


/**
 * On start it builds the projections if they were never built (a database from before them), and
 * {@code --rebuild-analytics} rebuilds them from the appeal table and exits.
 */
@Component
@Order(30)
class ProjectionUpkeep implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProjectionUpkeep.class);

	private final AppealProjections projections;
	private final ApplicationContext context;

	ProjectionUpkeep(AppealProjections projections, ApplicationContext context) {
		this.projections = projections;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (args.containsOption("rebuild-analytics")) {
			long n = projections.rebuild();
			System.out.printf("分析数据已重建：%,d 件诉求%n", n);
			System.exit(SpringApplication.exit(context, () -> 0));
		}
		if (!projections.built()) {
			log.info("analytics projections were never built; building them from the appeal table");
			projections.rebuild();
		}
	}
}
