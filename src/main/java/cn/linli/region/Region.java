package cn.linli.region;

import cn.linli.shared.domain.RegionLevel;

/** One division: its code, name, level and parent; {@code urban} only for the village level. */
public record Region(String code, String name, RegionLevel level, String parentCode, Boolean urban) {
}
