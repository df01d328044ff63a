package cn.linli.appeal.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * An appeal's text as the public column shows it: no person, no door, no phone, no account —
 * and every ordinary word as written. Each rule marks the characters it hides on the original
 * text; the marks are then applied once, so that no rule works on another's output.
 * <ul>
 * <li>a surname with a form of address (王经理, 李阿姨, 老王, 小李) → 某经理, 某阿姨, 老某, 小某;</li>
 * <li>a full name (张建国, 欧阳娜娜) → 某某: HanLP's person-name recognition, kept only where the
 * word starts with a common surname, is not an ordinary dictionary word (金属, 常年) and stands
 * where names stand (before 说, 家, 的, a colon or a comma, or after 找, 叫, 是 …);</li>
 * <li>numbers that lead to a door or a person: units and rooms (2单元, 301室, 3-2-301, 十二楼东户),
 * a number of three or more digits (a phone, a room, an ID, a plate's digits) — but not an amount
 * (300元), a year, a time or a public service number (12345, 110);</li>
 * <li>WeChat and QQ accounts.</li>
 * </ul>
 * A building (3号楼) and a gate (东门) stay: the public column shows the building.
 */
final class PublicText {

	/** Common surnames, single and compound; a name outside them is left to its form of address. */
	static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
			+ "谭陆汪范金石廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷"
			+ "詹申欧耿关兰焦俞左傅柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲滕屈饶解牟艾尤穆农卓古吉缪简项芦麦褚娄"
			+ "窦戚岑景党宫卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝方洪向房凤闻鞠郁冼揭权";

	/** Surnames that are mostly other words (都, 时): taken as a surname only right before a form of address. */
	static final String RARE_SURNAMES = "都时全车";

	static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "诸葛", "皇甫", "尉迟", "慕容", "令狐", "宇文", "司徒", "夏侯", "澹台", "司马", "上官", "东方",
			"长孙", "西门");

	private static final String ADDRESS = "经理|师傅|阿姨|先生|女士|小姐|老师|大爷|大妈|大娘|大姐|大哥|奶奶|爷爷|叔叔|主任|书记|队长|会计|委员|管家|老板|律师"
			+ "|医生|警官|组长|站长|主管|楼长|网格员|姐|哥";

	/** 张工, 王总: short titles that end ordinary words too (施工, 总是), so only where a name can end. */
	private static final String SHORT_TITLE = "[工总](?=说|讲|问|，|,|：|:|的|在|、|您|你)";

	/**
	 * A surname right before a form of address — not a job before the title (门卫大爷, 保安队长,
	 * 宿管阿姨, 收费大姐, 修车师傅) and not the end of an ordinary word (公司, 早上官方, 家长孙子).
	 */
	private static final Pattern ADDRESSED = Pattern.compile("(?<![门保物看收宿城治楼房对修租约停洗开货交班铲甲乙双各])"
			+ "(欧阳|诸葛|皇甫|尉迟|慕容|令狐|宇文|司徒|夏侯|澹台|司马|上官|东方|长孙|西门|[" + SURNAMES + RARE_SURNAMES + "])(?=" + ADDRESS
			+ "|" + SHORT_TITLE + ")");

	private static final Set<String> THANKS = Set.of("感谢", "谢谢", "多谢", "答谢", "致谢", "鸣谢");

	/** 姓李: the surname someone gives. */
	private static final Pattern GIVEN_SURNAME = Pattern.compile("(?<=姓)([" + SURNAMES + RARE_SURNAMES + "])");

	/** A compound surname with a given name (欧阳娜娜), where a name stands. */
	private static final Pattern COMPOUND_NAME = Pattern.compile("(?:欧阳|诸葛|皇甫|尉迟|慕容|令狐|宇文|司徒|夏侯|澹台|司马|上官)(?!" + ADDRESS + ")[\\p{IsHan}]{1,2}"
			+ "(?=说|讲|问|家|的|，|,|：|:|、|。|反映|投诉|小朋友|同学|他|她|经理|先生|女士|$)");

	/** A two-character name opening a clause before what it says (钟明说, 段军反映). */
	private static final Pattern SPEAKER = Pattern.compile("(?<=^|[，,。：:；;！!？?\\s]|房东|业主|邻居|住户|租户|楼长)([" + SURNAMES
			+ "](?![姐哥工总])[\\p{IsHan}])(?=说|反映|投诉|讲)");

	/** A name opening a clause right before its phone or door (余波，电话…; 赵磊，11号楼…), even where it is also a word. */
	private static final Pattern CONTACT = Pattern.compile("(?<=^|[，,。；;！!？?\\s]|房东|业主|邻居|住户|租户|我是|联系人)([" + SURNAMES + "](?!" + ADDRESS
			+ ")[\\p{IsHan}]{1,2})"
			+ "(?=[，,：:]\\s*(?:电话|手机|\\d|[一二三四五六七八九十]+(?:号楼|单元)))");

	/** 老王, 小李: 老/小 and a surname, where a name can end (not 老化, 小区, 小时). */
	private static final Pattern FAMILIAR = Pattern.compile("(?<=[老小])([" + SURNAMES.replaceAll("[房路卫江金白毛康]", "")
			+ "])(?=[说讲问家的，,。：:、！!？?\\s也都在来去又还跟和让把给叫马你您态是他她帮很每]|" + ADDRESS + "|$)");

	/** What stands before a name: 找张三, 叫李四, 是王五, 和赵六, 邻居熊伟, 薛峰、叶青. */
	private static final Pattern BEFORE_NAME = Pattern.compile("(?:[找叫是和跟给问让请住与同、在]|邻居|业主|住户|租户|房东|表扬|感谢|谢谢)$");

	/** A word after which a name stands: 张三说, 李四家, 王五的, 赵六：. */
	private static final Pattern AFTER_NAME = Pattern.compile("^(?:说|讲|问|家|的|，|,|：|:|、|。|反映|投诉|一直|天天|每天|总是|老是|经常|又|在|也|和|跟|把|"
			+ "住|是|两位|那里|那儿|那边|先生|女士|" + ADDRESS + "|$)");

	/** A name next to its phone or door (赵磊，11号楼…, 宋佳，0631…): a strong sign of a person. */
	private static final Pattern BEFORE_CONTACT = Pattern.compile("^[，,：:]\\s*(?:电话|手机|\\d|[一二三四五六七八九十]+(?:号楼|单元))");

	/** A given name before a parent or grandparent (婷婷妈妈, 浩然他爷爷): the child is named. */
	private static final Pattern CHILD = Pattern.compile("((?:([\\p{IsHan}])\\2)|[" + SURNAMES + "][\\p{IsHan}]{2}|(?<=^|[，,。；;！!？?\\s])[\\p{IsHan}]{2})"
			+ "(?=[他她]?(?:妈妈|爸爸|爷爷|奶奶|姥姥|姥爷|外婆|外公))");

	/** A full name before a form of address for elders (白云阿姨, 建华叔叔): the name, not only the surname. */
	private static final Pattern NAMED_ELDER = Pattern.compile("(?<![\\p{IsHan}]|保洁|门卫|保安|宿管)([" + SURNAMES + "][\\p{IsHan}])(?=阿姨|大爷|奶奶|爷爷|大妈|大娘|叔叔)");

	/** A plate: the province, the city's letter, then the letters and digits that name the car (鲁K·D6523). */
	private static final Pattern PLATE = Pattern.compile("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z]\\s*[·•.]?\\s*([A-Za-z0-9]{5,6})");

	/** An ID number, its check character included. */
	private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");

	/** Words for a child or a neighbour before 妈妈 that name nobody. */
	private static final Set<String> NOT_A_CHILDS_NAME = Set.of("孩子", "宝宝", "小孩", "儿子", "女儿", "孙子", "孙女", "学生", "同学", "邻居", "隔壁", "楼上", "楼下",
			"对门", "我家", "他家", "她家", "人家", "谁家", "大家");

	/** Someone introduced by role (高峰是我们楼的楼长, 马超是业委会委员): a person even where the name is also a word. */
	private static final Pattern INTRODUCED = Pattern.compile("(?<=^|[，,。；;！!？?\\s])([" + SURNAMES + "][\\p{IsHan}]{1,2})(?=是(?:我们|咱们)?(?:楼|小区|单元|这)?的?"
			+ "(?:楼长|网格员|业委会|委员|主任|管家|保安|保洁|门卫|业主|住户|邻居))");

	/**
	 * Given names of a generation that residents call each other by (建国说…, 秀英家…), which the
	 * dictionary knows as words; alone before what they say or own.
	 */
	private static final Pattern GIVEN_NAME = Pattern.compile("(?<=^|[，,。；;！!？?\\s])(建国|建军|建华|国庆|国强|志强|志明|红梅|秀英|桂英|玉兰|淑珍|丽华|海燕|"
			+ "春花|晓明|晓东|卫东|卫国|振华|建平|建新)(?=说|讲|反映|家|的|他|她)");

	/** Places of the province that start like a surname (荣成, 文登) are places, not people. */
	private static final Set<String> PLACES = Set.of("荣成", "文登", "乳山", "环翠", "威海", "烟台", "青岛", "济南", "潍坊", "蓬莱", "龙口", "石岛", "高区",
			"经区", "刘公岛", "孙家疃", "张村", "戚家庄", "成山头", "温泉");

	/** What a place or company is called after its first word (王府花园, 华海物业). */
	private static final Pattern NOT_A_PERSON = Pattern.compile("^(?:物业|花园|小区|山庄|公司|路|街|大道|家园|苑|府|城|庄|村|疃|广场|中心|公寓|大厦|那边)");

	/**
	 * Door numbers: a unit or room (2单元, 301室, 5户, 十二户), a floor with its door (十二楼东户),
	 * a run of numbers joined by dashes (3-2-301) unless it is a range of hours or days, and a 号
	 * that is not a building, gate, lift or day (12号 but not 12号楼, 3号门, 12月3号).
	 */
	private static final Pattern DOOR = Pattern.compile("""
			\\d+\\s*(?=单元|室|户|层|楼层)|[一二三四五六七八九十〇零百]+\\s*(?=单元|室|户)\
			|(?<![月\\d])\\d+\\s*(?=号(?!\\s*(?:[楼栋幢座院门线岗口]|电梯|单元)))\
			|\\d+(?:\\s*[-－—]\\s*\\d+)+(?![\\d点时日号月年度岁分元块米]|天(?!天))""", Pattern.UNICODE_CHARACTER_CLASS);

	/** A floor with its door (十二楼东户): the floor and the side both lead to the door. */
	private static final Pattern FLOOR_DOOR = Pattern.compile("([一二三四五六七八九十〇零百\\d]+)\\s*[楼层]\\s*([东西南北中]+)\\s*[边侧]?\\s*户",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** Three or more digits (ASCII or full-width, spaces allowed inside a phone), unless an amount, a year or a time follows. */
	private static final Pattern LONG_NUMBER = Pattern.compile(
			"\\d(?:[\\d\\s-]*\\d){2,}(?!\\s*[\\d元块角分度岁年月日号平米次辆个人户点时秒kK]|\\s*天(?!天)|\\s*多[元块])",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** Numbers everyone may see: emergency and public service lines. */
	private static final Set<String> PUBLIC_NUMBERS = Set.of("110", "119", "120", "122", "12345", "12315", "12369", "12319", "95598", "96119");

	/** A WeChat or QQ account reaches the person as surely as a phone number. */
	private static final Pattern ACCOUNT = Pattern.compile("(?i)(?:微信号?|vx|wx|v信|qq号?)\\s*[:：]?\\s*([a-z0-9][-_a-z0-9]{4,19})",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** Which characters to hide, and how: {@code *} per digit for numbers, one 某 per name. */
	private record Span(int start, int end, Kind kind) {
	}

	/** NAME → 某; DIGITS → * per digit, other characters kept; WHOLE → * per character; ACCOUNT → ***. */
	private enum Kind {
		NAME, DIGITS, WHOLE, ACCOUNT
	}

	private final Segment segment;

	PublicText(Segment segment) {
		this.segment = segment;
	}

	String mask(String text) {
		var spans = new ArrayList<Span>();
		names(text, spans);
		var addressed = ADDRESSED.matcher(text);
		while (addressed.find()) {
			// 感谢楼长, 谢谢楼长: the surname character ends a word of thanks here
			String bigram = addressed.start() > 0 ? text.substring(addressed.start() - 1, addressed.start() + 1) : "";
			if (!THANKS.contains(bigram)) {
				spans.add(new Span(addressed.start(1), addressed.end(1), Kind.NAME));
			}
		}
		find(FAMILIAR, text, 1, Kind.NAME, spans);
		find(GIVEN_SURNAME, text, 1, Kind.NAME, spans);
		find(COMPOUND_NAME, text, 0, Kind.NAME, spans);
		find(SPEAKER, text, 1, Kind.NAME, spans);
		find(CONTACT, text, 1, Kind.NAME, spans);
		find(INTRODUCED, text, 1, Kind.NAME, spans);
		find(GIVEN_NAME, text, 1, Kind.NAME, spans);
		find(NAMED_ELDER, text, 1, Kind.NAME, spans);
		find(PLATE, text, 1, Kind.WHOLE, spans);
		find(ID_NUMBER, text, 0, Kind.WHOLE, spans);
		var child = CHILD.matcher(text);
		while (child.find()) {
			if (!NOT_A_CHILDS_NAME.contains(child.group(1))) {
				spans.add(new Span(child.start(1), child.end(1), Kind.NAME));
			}
		}
		find(DOOR, text, 0, Kind.DIGITS, spans);
		find(FLOOR_DOOR, text, 1, Kind.WHOLE, spans);
		find(FLOOR_DOOR, text, 2, Kind.WHOLE, spans);
		var numbers = LONG_NUMBER.matcher(text);
		while (numbers.find()) {
			// a public line stays, unless it is the digits of a plate (鲁K12345)
			boolean plate = numbers.start() > 0 && Character.isLetter(text.charAt(numbers.start() - 1))
					&& text.charAt(numbers.start() - 1) < 128;
			if (plate || !PUBLIC_NUMBERS.contains(numbers.group().replaceAll("\\s", ""))) {
				spans.add(new Span(numbers.start(), numbers.end(), Kind.DIGITS));
			}
		}
		find(ACCOUNT, text, 1, Kind.ACCOUNT, spans);
		return apply(text, spans);
	}

	/** HanLP's person names, where they are names. */
	private void names(String text, List<Span> spans) {
		var terms = segment.seg(text);
		for (int i = 0; i < terms.size(); i++) {
			Term t = terms.get(i);
			if (t.nature == null || !t.nature.toString().startsWith("nr") || PLACES.stream().anyMatch(t.word::startsWith)) {
				continue;
			}
			// a recognised name that swallowed what follows it (卢伟家, 王经理) keeps that shown
			String word = t.word;
			var address = Pattern.compile("(" + ADDRESS + "|家|说|工|总)$").matcher(word);
			if (word.length() > 1 && address.find() && address.start() > 0) {
				word = word.substring(0, address.start());
			}
			if (!likelyName(word)) {
				continue;
			}
			int surname = COMPOUND_SURNAMES.contains(word.substring(0, Math.min(2, word.length()))) ? 2 : 1;
			// HanLP sometimes stops a three-character name at two (赵丽|萍): take the third where a name then ends
			int rest = t.offset + word.length();
			if (word.length() == 2 && rest + 1 <= text.length() && Character.UnicodeScript.of(text.charAt(rest)) == Character.UnicodeScript.HAN
					&& "说讲问家的是在和跟把也都又还就住他她们人".indexOf(text.charAt(rest)) < 0
					&& AFTER_NAME.matcher(text.substring(rest + 1)).find() && !AFTER_NAME.matcher(text.substring(rest)).find()) {
				String longer = text.substring(t.offset, rest + 1);
				if (likelyName(longer)) {
					word = longer;
				}
			}
			String after = text.substring(Math.min(text.length(), t.offset + word.length()));
			if (NOT_A_PERSON.matcher(after).find()) {
				continue;
			}
			boolean afterName = AFTER_NAME.matcher(after).find() || BEFORE_CONTACT.matcher(after).find();
			boolean beforeName = BEFORE_NAME.matcher(text.substring(0, t.offset)).find();
			// 黄海涛 starts with a word (黄海), so it needs the context on both sides; 程序上说 has it on one only
			boolean startsWithWord = word.length() == 3 && !isNameOrUnknown(word.substring(0, 2));
			if (startsWithWord ? !(afterName && beforeName) : !(afterName || beforeName)) {
				continue;
			}
			// the surname alone where a form of address goes on from it (邱大|爷 → 邱 + 大爷)
			boolean addressed = Pattern.compile("^(?:" + ADDRESS + ")").matcher(text.substring(t.offset + surname)).find();
			spans.add(new Span(t.offset, t.offset + (addressed ? surname : word.length()), Kind.NAME));
		}
	}

	/**
	 * Two to four characters, a common surname first, not an ordinary word of the dictionary, and
	 * not ending the way words go on (常听人, 程序上: 人, 上, 们 … end phrases, rarely names).
	 */
	private static boolean likelyName(String word) {
		if (word.length() < 2 || word.length() > 4 || !word.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
			return false;
		}
		if (word.length() == 3 && "人们上下里都也就还又了着过我你".indexOf(word.charAt(2)) >= 0) {
			return false;
		}
		// 查一查, 查是哪家: words that do not occur in a given name
		if (word.substring(1).chars().anyMatch(c -> "一是的了在和与或就都也还又把被让给哪我你".indexOf(c) >= 0)) {
			return false;
		}
		boolean surname = COMPOUND_SURNAMES.contains(word.substring(0, 2)) || SURNAMES.indexOf(word.charAt(0)) >= 0;
		if (!surname) {
			return false;
		}
		return isNameOrUnknown(word);
	}

	private static boolean isNameOrUnknown(String word) {
		var entry = CoreDictionary.get(word);
		return entry == null || entry.hasNatureStartsWith("nr");
	}

	private static void find(Pattern p, String text, int group, Kind kind, List<Span> spans) {
		Matcher m = p.matcher(text);
		while (m.find()) {
			spans.add(new Span(m.start(group), m.end(group), kind));
		}
	}

	/** Applies the spans, the longest first where two overlap; digits become *, a name 某 (某某 for a full name). */
	private static String apply(String text, List<Span> spans) {
		spans.sort(Comparator.comparingInt((Span s) -> s.end() - s.start()).reversed().thenComparingInt(Span::start));
		var hidden = new Kind[text.length()];
		var startsName = new boolean[text.length()];
		for (var s : spans) {
			boolean free = true;
			for (int i = s.start(); i < s.end() && free; i++) {
				free = hidden[i] == null;
			}
			if (free && s.end() > s.start()) {
				for (int i = s.start(); i < s.end(); i++) {
					hidden[i] = s.kind();
				}
				startsName[s.start()] = s.kind() == Kind.NAME;
			}
		}
		var out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (hidden[i] == null) {
				out.append(c);
			}
			else if (hidden[i] == Kind.NAME) {
				if (startsName[i]) {
					// one 某 for a surname alone, 某某 for a name with its given name
					int end = i;
					while (end < text.length() && hidden[end] == Kind.NAME && (end == i || !startsName[end])) {
						end++;
					}
					boolean compoundSurnameOnly = end - i == 2 && COMPOUND_SURNAMES.contains(text.substring(i, end));
					out.append(end - i == 1 || compoundSurnameOnly ? "某" : "某某");
				}
			}
			else if (hidden[i] == Kind.ACCOUNT) {
				if (i == 0 || hidden[i - 1] != Kind.ACCOUNT) {
					out.append("***");
				}
			}
			else if (hidden[i] == Kind.WHOLE) {
				out.append('*');
			}
			else {
				out.append(Character.isDigit(c) || "一二三四五六七八九十〇零百".indexOf(c) >= 0 ? '*' : c);
			}
		}
		return out.toString();
	}
}
