package cn.linli.registry.house;

/** An owner as entered: the ID number is hashed on arrival and never stored. */
public record OwnerDetails(String name, String phone, String idNumber) {

	@Override
	public String toString() {
		return "OwnerDetails[" + name + "]";
	}
}
