package cn.linli.demo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.web.multipart.MultipartFile;

/** A file the demo attaches as a person would upload it (a site photo, a quote). */
record DemoFile(String name, String contentType, byte[] bytes) implements MultipartFile {

	/** The smallest PNG header UploadStore recognises: enough for a placeholder photo. */
	static DemoFile png(String name) {
		return new DemoFile(name, "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 });
	}

	static DemoFile pdf(String name, String text) {
		return new DemoFile(name, "application/pdf", ("%PDF-1.4\n% " + text + "\n%%EOF").getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Override
	public String getName() {
		return "files";
	}

	@Override
	public String getOriginalFilename() {
		return name;
	}

	@Override
	public String getContentType() {
		return contentType;
	}

	@Override
	public boolean isEmpty() {
		return bytes.length == 0;
	}

	@Override
	public long getSize() {
		return bytes.length;
	}

	@Override
	public byte[] getBytes() {
		return bytes.clone();
	}

	@Override
	public InputStream getInputStream() {
		return new ByteArrayInputStream(bytes);
	}

	@Override
	public void transferTo(java.io.File dest) throws java.io.IOException {
		Files.write(dest.toPath(), bytes);
	}

	@Override
	public void transferTo(Path dest) throws java.io.IOException {
		Files.write(dest, bytes);
	}
}
