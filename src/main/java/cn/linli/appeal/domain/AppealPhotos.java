package cn.linli.appeal.domain;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.upload.UploadStore;

/** The photos of an appeal: the raiser's at intake, the handler's with the result. */
@Component
public class AppealPhotos {

	public static final int MAX_PHOTOS = 6;

	/** {@code INTAKE}: the raiser's own (they may show the inside of a flat); {@code RESULT}: the handler's. */
	public enum Stage {
		INTAKE, RESULT
	}

	private final UploadStore uploads;
	private final JdbcClient jdbc;

	AppealPhotos(UploadStore uploads, JdbcClient jdbc) {
		this.uploads = uploads;
		this.jdbc = jdbc;
	}

	/** Stores the files of a step, numbered after the appeal's earlier photos. */
	public void store(long appealId, List<MultipartFile> files, Stage stage) {
		if (files.isEmpty()) {
			return;
		}
		int seq = jdbc.sql("select coalesce(max(seq), 0) from appeal_photo where appeal_id = :a").param("a", appealId).query(Integer.class).single();
		for (var f : files) {
			String key = uploads.store(f, "photos", UploadStore.Type.JPEG, UploadStore.Type.PNG, UploadStore.Type.WEBP);
			jdbc.sql("insert into appeal_photo (appeal_id, seq, stage, storage_key) values (:a, :s, :st, :k)").param("a", appealId)
				.param("s", ++seq).param("st", stage.name()).param("k", key).update();
		}
	}

	/** The files actually chosen, at most {@link #MAX_PHOTOS}. */
	public static List<MultipartFile> chosen(List<MultipartFile> photos) {
		var files = photos == null ? List.<MultipartFile>of() : photos.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (files.size() > MAX_PHOTOS) {
			throw DomainException.invalid("photos", "最多上传 " + MAX_PHOTOS + " 张照片");
		}
		return files;
	}
}
