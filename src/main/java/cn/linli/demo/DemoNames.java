package cn.linli.demo;

import java.util.List;
import java.util.Random;

/** Chinese names for people, companies and compounds, drawn from a seeded random source. */
final class DemoNames {

	private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段";
	private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强文杰海燕红梅玉兰春梅晓东丽娟凤英立新振华";
	private static final List<String> PLACES = List.of("海景", "翠竹", "金海", "望海", "阳光", "锦绣", "银河", "古寨", "环翠", "文化", "青岛路", "新威",
			"海港", "鲸园", "竹岛", "怡园", "蓝天", "华夏", "福海", "东山", "西苑", "凤林", "香水", "碧海", "观海", "皇冠", "刘公岛", "戚家庄",
			"塔山", "孙家疃", "嵩山", "长峰", "温泉", "泊于", "北竹岛", "天东", "九龙", "海悦", "新港", "沁园", "半月湾", "金线顶", "奈古",
			"仙姑顶", "里口山", "海源", "国际", "和平", "前进", "幸福", "东城", "南山", "滨海", "丽都", "明珠", "清华", "君悦", "龙山", "龙湾");
	private static final List<String> SUFFIXES = List.of("小区", "花园", "家园", "苑", "公寓", "新村", "雅居", "名都", "府", "山庄", "城");
	private static final List<String> COMPANY_WORDS = List.of("华海", "宏泰", "安居", "诚信", "海晨", "恒瑞", "金盾", "信达", "顺和", "嘉和",
			"万家", "联合", "广厦", "新华", "环宇", "永安", "丰泽", "长城", "德信", "正阳", "天润", "海大", "中信", "鼎盛", "瑞祥", "同和",
			"明德", "惠民", "亿家", "和美");

	private final Random random;

	DemoNames(Random random) {
		this.random = random;
	}

	String person() {
		String given = GIVEN.substring(random.nextInt(GIVEN.length()));
		int len = random.nextInt(3) == 0 ? 1 : 2;
		return SURNAMES.charAt(random.nextInt(SURNAMES.length())) + given.substring(0, Math.min(len, given.length()));
	}

	String compound(int index) {
		String place = PLACES.get(index % PLACES.size());
		String suffix = SUFFIXES.get((index / PLACES.size() + random.nextInt(SUFFIXES.size())) % SUFFIXES.size());
		return place + suffix;
	}

	String company(int index) {
		String word = COMPANY_WORDS.get(index % COMPANY_WORDS.size());
		String[] kinds = { "物业服务有限公司", "物业管理有限公司", "物业有限责任公司", "城市服务有限公司" };
		String city = index / COMPANY_WORDS.size() == 0 ? "威海" : new String[] { "", "威海", "山东", "环翠区", "文登" }[index / COMPANY_WORDS.size()];
		return city + word + kinds[(index / COMPANY_WORDS.size()) % kinds.length];
	}
}
