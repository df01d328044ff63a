package cn.linli.registry.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.linli.shared.domain.IdNumber;

/**
 * Keyed hashes (HMAC-SHA256) of ID numbers: a stolen database alone cannot be reversed by trying
 * all ID numbers, because the key lives in the configuration, not in the database.
 */
@Component
public class PersonalDataHasher {

	private final SecretKeySpec key;

	PersonalDataHasher(@Value("${linli.security.pepper}") String pepper) {
		this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	public String hash(String purpose, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(purpose.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

	public String idHash(IdNumber id) {
		return hash("id", id.value());
	}

	public String idTailHash(String tail) {
		return hash("id-tail", tail.trim().toUpperCase());
	}
}
