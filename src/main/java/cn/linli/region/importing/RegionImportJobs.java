package cn.linli.region.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.shared.domain.DomainException;
import cn.linli.region.RegionImportReport;

/** Uploaded file sets imported in the background, with progress the admin page polls. */
@Component
public class RegionImportJobs {

	private final RegionImporter importer;
	private final TaskExecutor executor;
	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	RegionImportJobs(RegionImporter importer, @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.importer = importer;
		this.executor = executor;
	}

	public static final class Job {
		final String id;
		volatile String file = "";
		volatile long rows;
		volatile RegionImportReport report;
		volatile List<RegionImportRejected.LineError> errors = List.of();
		volatile String failure;

		Job(String id) {
			this.id = id;
		}

		public boolean done() {
			return report != null || !errors.isEmpty() || failure != null;
		}

		public String id() {
			return id;
		}

		public String file() {
			return file;
		}

		public long rows() {
			return rows;
		}

		public RegionImportReport report() {
			return report;
		}

		public List<RegionImportRejected.LineError> errors() {
			return errors;
		}

		public String failure() {
			return failure;
		}
	}

	public Job start(List<MultipartFile> uploads) throws IOException {
		Path dir = Files.createTempDirectory("linli-regions-");
		int accepted = 0;
		for (MultipartFile upload : uploads) {
			String name = upload.getOriginalFilename() == null ? "" : upload.getOriginalFilename();
			if (name.toLowerCase().endsWith(".zip")) {
				accepted += unzip(upload.getInputStream(), dir);
			}
			else if (RegionFileSet.levelOfFileName(name).isPresent()) {
				Files.copy(upload.getInputStream(), dir.resolve(Path.of(name).getFileName().toString()),
						StandardCopyOption.REPLACE_EXISTING);
				accepted++;
			}
		}
		if (accepted == 0) {
			throw DomainException.invalid("files", "请上传 provinces.csv、cities.csv、areas.csv、streets.csv、villages.csv 或包含它们的 zip 文件");
		}
		// finished jobs are kept for their progress page only; a busy operator's old ones are dropped
		if (jobs.size() > 50) {
			jobs.values().removeIf(Job::done);
		}
		var job = new Job(UUID.randomUUID().toString());
		jobs.put(job.id, job);
		executor.execute(new DelegatingSecurityContextRunnable(() -> run(job, dir)));
		return job;
	}

	public Job find(String id) {
		return jobs.get(id);
	}

	private void run(Job job, Path dir) {
		try {
			job.report = importer.importFiles(RegionFileSet.ofDirectory(dir), (file, rows) -> {
				job.file = file;
				job.rows = rows;
			});
		}
		catch (RegionImportRejected e) {
			job.errors = e.errors();
		}
		catch (RuntimeException e) {
			job.failure = e.getMessage();
		}
		finally {
			try (var files = Files.list(dir)) {
				files.forEach(f -> f.toFile().delete());
				Files.deleteIfExists(dir);
			}
			catch (IOException ignored) {
				// a temp folder left behind is harmless
			}
		}
	}

	/** Only the five known file names are taken from an archive, so an entry cannot name a path. */
	private static int unzip(InputStream in, Path dir) throws IOException {
		int count = 0;
		try (var zip = new ZipInputStream(in)) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				if (!entry.isDirectory() && RegionFileSet.levelOfFileName(entry.getName()).isPresent()) {
					Files.copy(zip, dir.resolve(Path.of(entry.getName()).getFileName().toString()),
							StandardCopyOption.REPLACE_EXISTING);
					count++;
				}
			}
		}
		return count;
	}
}
