package cn.linli.shared.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.web.input.InputText;

/**
 * Stores uploaded photos and scans on local disk. The type is read from the bytes, never from the
 * name; the stored name is random, so no path a user sends is ever used. A file is kept only when
 * the change that refers to it commits: stored inside a transaction, it goes with a rollback;
 * stored before one (a controller storing the scan, then recording the ballot), it is
 * provisional until a writing transaction of the same request commits ({@link UploadCleanup}).
 */
@Component
public class UploadStore {

	public static final long MAX_BYTES = 5L * 1024 * 1024;

	public enum Type {
		JPEG("jpg"), PNG("png"), WEBP("webp"), PDF("pdf");

		final String extension;

		Type(String extension) {
			this.extension = extension;
		}
	}

	private final Path root;
	private final Clock clock;

	UploadStore(@Value("${linli.uploads.dir:./data/uploads}") String root, Clock clock) {
		this.root = Path.of(root).toAbsolutePath().normalize();
		this.clock = clock;
	}

	/** Where the files are, for operations (backups) and for tests that count them. */
	public Path root() {
		return root;
	}

	/** Stores a file and returns its key (a relative path made by the store). */
	public String store(MultipartFile file, String field, Type... allowed) {
		if (file == null || file.isEmpty()) {
			throw DomainException.invalid(field, "请上传文件");
		}
		if (!acceptableName(file.getOriginalFilename())) {
			throw DomainException.invalid(field, "文件名不合法：不能包含路径、控制字符，且不超过 200 个字符");
		}
		if (file.getSize() > MAX_BYTES) {
			throw DomainException.invalid(field, "文件不能超过 5 MB");
		}
		try (InputStream in = file.getInputStream()) {
			byte[] head = in.readNBytes(12);
			Type type = detect(head);
			if (type == null || !java.util.Arrays.asList(allowed).contains(type)) {
				throw DomainException.invalid(field, "文件类型不支持：仅限 " + java.util.Arrays.stream(allowed).map(Enum::name).collect(java.util.stream.Collectors.joining("、")));
			}
			var day = cn.linli.shared.time.TimeConfiguration.today(clock);
			String key = day.getYear() + "/" + String.format("%02d", day.getMonthValue()) + "/" + UUID.randomUUID() + "." + type.extension;
			Path target = root.resolve(key).normalize();
			Files.createDirectories(target.getParent());
			try (InputStream all = file.getInputStream()) {
				Files.copy(all, target);
			}
			catch (IOException e) {
				Files.deleteIfExists(target);
				throw e;
			}
			if (!forgetOnRollback(target)) {
				UploadCleanup.provisional(target);
			}
			return key;
		}
		catch (IOException e) {
			throw new IllegalStateException("无法保存上传文件", e);
		}
	}

	/**
	 * A file stored in a transaction that then rolls back (a later photo refused, a stale version)
	 * would be referenced by nothing: it is removed with the rows that would have pointed to it.
	 */
	private static boolean forgetOnRollback(Path target) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return false;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				// only a certain rollback: after an unknown outcome the rows may well point to the file
				if (status == STATUS_ROLLED_BACK) {
					try {
						Files.deleteIfExists(target);
					}
					catch (IOException e) {
						LoggerFactory.getLogger(UploadStore.class).warn("could not remove {} after a rollback", target, e);
					}
				}
			}
		});
		return true;
	}

	/**
	 * The name is never used to store the file, but a name carrying a path, control characters or
	 * a bidirectional override ({@code 测\u202Egnp.exe名} shows as an image) is a tampered request,
	 * not a photo from a phone, and is refused.
	 */
	static boolean acceptableName(String name) {
		if (name == null || name.isEmpty()) {
			return true;
		}
		return name.length() <= 200 && !name.contains("/") && !name.contains("\\") && !name.contains("..")
				&& InputText.problem(name, false).isEmpty();
	}

	/**
	 * The stored file as a response shown in the browser, with its type from the key and no sniffing:
	 * what every attachment, photo and scan download answers once its caller was checked.
	 */
	public org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> inline(String key) {
		return org.springframework.http.ResponseEntity.ok().contentType(mediaType(key)).header("Content-Disposition", "inline")
			.header("X-Content-Type-Options", "nosniff").body(open(key));
	}

	/** Opens a stored file by the key this store made; anything else is not found. */
	public org.springframework.core.io.Resource open(String key) {
		if (key == null || !key.matches("\\d{4}/\\d{2}/[0-9a-f-]{36}\\.(jpg|png|webp|pdf)")) {
			throw DomainException.notFound("文件");
		}
		var path = root.resolve(key).normalize();
		if (!path.startsWith(root) || !Files.isRegularFile(path)) {
			throw DomainException.notFound("文件");
		}
		return new org.springframework.core.io.FileSystemResource(path);
	}

	public static org.springframework.http.MediaType mediaType(String key) {
		return switch (key.substring(key.lastIndexOf('.') + 1)) {
			case "jpg" -> org.springframework.http.MediaType.IMAGE_JPEG;
			case "png" -> org.springframework.http.MediaType.IMAGE_PNG;
			case "pdf" -> org.springframework.http.MediaType.APPLICATION_PDF;
			default -> org.springframework.http.MediaType.parseMediaType("image/webp");
		};
	}

	static Type detect(byte[] b) {
		if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
			return Type.JPEG;
		}
		if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
			return Type.PNG;
		}
		if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
				&& b[11] == 'P') {
			return Type.WEBP;
		}
		if (b.length >= 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
			return Type.PDF;
		}
		return null;
	}
}
