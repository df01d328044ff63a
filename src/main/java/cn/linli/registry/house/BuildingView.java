package cn.linli.registry.house;

public record BuildingView(long id, long compoundId, String name, Integer floors, long houses, int version) {
}
