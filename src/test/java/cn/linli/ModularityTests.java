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
				+ "notification, fund, notice, fee, demo").isEqualTo(12);
		for (String name : expected) {
			Path file = DOCS.resolve(name);
			assertThat(file).as(name).isRegularFile();
			assertThat(Files.size(file)).as(name + " is not empty").isPositive();
		}
		assertThat(Files.readString(DOCS.resolve("components.puml"))).as("the diagram names every module").contains("@startuml")
			.contains(MODULES.stream().map(m -> m.getDisplayName()).toList());
	}

	@Test
	void eachModuleKeepsItsMigrationsInItsOwnFolderAndVersionsAreOneSequence() throws IOException {
		Path root = Paths.get("src", "main", "resources", "db", "migration");
		var modules = MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString).toList();
		var versions = new java.util.HashMap<String, Path>();
		var folders = new java.util.TreeSet<String>();
		try (var files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path relative = root.relativize(file);
				assertThat(relative.getNameCount()).as(relative + " lies in a module's folder").isEqualTo(2);
				assertThat(modules).as(relative + "'s folder names a module").contains(relative.getName(0).toString());
				folders.add(relative.getName(0).toString());
				String name = file.getFileName().toString();
				assertThat(name).as(relative.toString()).matches("V\\d+__[a-z0-9_]+\\.sql");
				Path earlier = versions.put(name.substring(1, name.indexOf("__")), relative);
				assertThat(earlier).as(relative + " takes a version no other migration has").isNull();
			}
		}
		// notification and demo keep no tables of their own (the inbox table came with the appeals)
		assertThat(folders).containsExactly("analytics", "appeal", "fee", "fund", "governance", "identity", "notice", "region", "registry", "shared");
	}
}
