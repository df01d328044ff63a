package cn.linli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(LinliApplication.class);

	static final Path DOCS = Paths.get("target", "spring-modulith-docs");

	@Test
	void modulesRespectTheirDeclaredDependencies() {
		MODULES.verify();
	}

	@Test
	void writesTheComponentDiagramAndADiagramAndCanvasPerModule() throws IOException {
		// files left by an earlier build must not pass for this one's
		if (Files.exists(DOCS)) {
			try (var old = Files.walk(DOCS)) {
				old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml().writeModuleCanvases();

		var expected = new ArrayList<String>();
		expected.add("components.puml");
		for (ApplicationModule module : MODULES) {
			expected.add("module-" + module.getIdentifier() + ".puml");
			expected.add("module-" + module.getIdentifier() + ".adoc");
		}
		assertThat(MODULES.stream().count()).as("the modules of the README: shared, region, registry, identity, analytics, governance, appeal, "
				+ "notification, demo").isEqualTo(9);
		for (String name : expected) {
			Path file = DOCS.resolve(name);
			assertThat(file).as(name).isRegularFile();
			assertThat(Files.size(file)).as(name + " is not empty").isPositive();
		}
		assertThat(Files.readString(DOCS.resolve("components.puml"))).as("the diagram names every module").contains("@startuml")
			.contains(MODULES.stream().map(m -> m.getDisplayName()).toList());
	}
}
