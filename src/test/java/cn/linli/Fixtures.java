package cn.linli;

import java.util.concurrent.atomic.AtomicInteger;

import cn.linli.registry.AreaSource;
import cn.linli.registry.HouseKind;
import cn.linli.registry.house.HouseDetails;
import cn.linli.registry.house.OwnerDetails;
import cn.linli.shared.domain.Area;
import cn.linli.shared.domain.IdNumber;
import cn.linli.shared.security.Role;
import cn.linli.shared.security.Scope;

/** Object mothers for tests. */
public final class Fixtures {

	private static final AtomicInteger SEQUENCE = new AtomicInteger(500);

	private Fixtures() {
	}

	public static Scope weihai() {
		return Scope.region(Role.CITY, "3710");
	}

	/** A valid ID number (check character computed) that no other fixture uses. */
	public static String idNumber() {
		String first17 = "37100219850612" + String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
		return first17 + IdNumber.checkCharacter(first17);
	}

	public static String phone() {
		return "1376" + String.format("%07d", SEQUENCE.incrementAndGet());
	}

	public static HouseDetails flat(String number, String certificate) {
		return new HouseDetails("1单元", number, Area.parse("95.37"), AreaSource.REGISTRY, HouseKind.RESIDENTIAL, false, certificate);
	}

	public static OwnerDetails owner(String name, String idNumber) {
		return new OwnerDetails(name, phone(), idNumber);
	}
}
