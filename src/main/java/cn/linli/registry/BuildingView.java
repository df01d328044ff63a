package cn.linli.registry;

public record BuildingView(long id, long compoundId, String name, Integer floors, long houses, int version) {
}
