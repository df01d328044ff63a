package cn.linli.appeal.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Chinese text of appeals, with HanLP and a dictionary of property vocabulary.
 * <p>
 * What a text is about ({@link #subject}) is read with the concept dictionary
 * {@code appeal/concepts.txt} (objects, their aspects, place words) and the places it names
 * (building, unit, floor, gate); its content words come from HanLP and serve texts that name no
 * known object.
 */
@Component
public class AppealText {

	/**
	 * Numbers that lead to a door, in ASCII or full-width digits (input methods produce both) or in
	 * Chinese numerals: 2单元, 301室, 5层, any run of three digits (also a phone), 12号 unless it names
	 * a building, gate, lift or line (12号楼, 3号门, 1号电梯) or a day (12月3号), 3-2-12 unless it is a
	 * range of hours or days (8-10点), and a floor with its door (十二楼东户). A building alone (3号楼,
	 * 8栋) stays: the public column shows the building.
	 */
	private static final Pattern HOUSE_NUMBER = Pattern.compile("""
			\\d+\\s*(单元|室|户|层|楼层)|\\d{3,}|[一二三四五六七八九十〇零百]+\\s*(单元|室|户)\
			|(?<![月\\d])\\d+\\s*号(?!\\s*(?:[楼栋幢座院门线岗口]|电梯|单元))\
			|\\d+(\\s*[-－—]\\s*\\d+)+(?![\\d点时天日号月年度岁分元块米])\
			|[一二三四五六七八九十〇零百\\d]+\\s*[楼层]\\s*[东西南北中]+\\s*[边侧]?\\s*户""", Pattern.UNICODE_CHARACTER_CLASS);

	/**
	 * What HanLP's name recognition misses in complaints: a surname with a form of address (赵经理,
	 * 李阿姨) and a compound surname with a given name (欧阳娜娜). Not a job before the title (门卫大爷,
	 * 保安队长, 宿管阿姨, 收费大姐), and not the compound surnames that are mostly other words (司马 in
	 * 公司马上, 上官 in 早上官方, 长孙 in 家长孙子, 西门, 东方).
	 */
	private static final Pattern ADDRESSED_PERSON = Pattern.compile("""
			(?<![门保物看收宿城治楼房对修租约停洗开货交班铲甲乙双各])\
			[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付\
			白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左\
			柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲滕屈饶解牟艾尤穆农卓古吉缪简项芦麦褚娄窦戚岑\
			景党宫卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝]\
			(?=经理|师傅|阿姨|先生|女士|小姐|老师|大爷|大妈|大娘|大姐|大哥|奶奶|爷爷|主任|书记|队长)\
			|(欧阳|诸葛|皇甫|尉迟|慕容|令狐|宇文|司徒|夏侯|澹台)[\\p{IsHan}]{1,2}""", Pattern.UNICODE_CHARACTER_CLASS);

	/** A WeChat or QQ account reaches the person as surely as a phone number. */
	private static final Pattern ACCOUNT = Pattern.compile("(?i)(微信号?|vx|wx|v信|qq号?)\\s*[:：]?\\s*[a-z0-9][-_a-z0-9]{4,19}",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** Forcing the custom dictionary, otherwise 2单元楼道灯 is still cut into 单元楼/道/灯. */
	private final Segment segment;
	private final Concepts concepts;

	AppealText() {
		loadPropertyTerms();
		segment = HanLP.newSegment().enableCustomDictionaryForcing(true);
		concepts = Concepts.load("appeal/concepts.txt");
	}

	private static void loadPropertyTerms() {
		try (var in = new BufferedReader(new InputStreamReader(new ClassPathResource("appeal/property-terms.txt").getInputStream(),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				line = line.strip();
				if (!line.isEmpty() && !line.startsWith("#")) {
					CustomDictionary.insert(line, "nz 2048");
				}
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read the property dictionary", e);
		}
	}

	/** The words of a text, as HanLP segments it with our dictionary. */
	public List<String> words(String text) {
		return segment.seg(text).stream().map(t -> t.word).toList();
	}

	/** Content words of a text: nouns, verbs, adjectives, place and property words; no stop words or punctuation. */
	public List<String> contentWords(String text) {
		var words = new ArrayList<String>();
		for (Term t : segment.seg(text)) {
			String nature = t.nature == null ? "" : t.nature.toString();
			if (t.word.isBlank() || nature.startsWith("w") || CoreStopWordDictionary.contains(t.word)) {
				continue;
			}
			if (nature.startsWith("n") || nature.startsWith("v") || nature.startsWith("a") || nature.startsWith("s")
					|| nature.startsWith("f") || nature.startsWith("g") || nature.startsWith("i") || nature.startsWith("l")) {
				words.add(t.word);
			}
		}
		return words;
	}

	/** What a text is about (objects, aspects, places, words), as stored with the appeal for later comparisons. */
	public String terms(String text) {
		return subject(text).encode();
	}

	public Subject subject(String text) {
		return new Subject(concepts.objects(text), concepts.aspects(text), Places.buildings(text), Places.units(text), Places.floors(text),
				Places.gates(text), contentWords(text));
	}

	/** Cosine similarity of the content words of two stored subjects, 0 when either has none. */
	public static double similarity(String termsA, String termsB) {
		return cosine(Subject.parse(termsA).words(), Subject.parse(termsB).words());
	}

	static double cosine(List<String> wordsA, List<String> wordsB) {
		var a = frequencies(wordsA);
		var b = frequencies(wordsB);
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		double dot = 0;
		for (var e : a.entrySet()) {
			dot += e.getValue() * b.getOrDefault(e.getKey(), 0);
		}
		return dot / (norm(a) * norm(b));
	}

	private static Map<String, Integer> frequencies(List<String> words) {
		var f = new HashMap<String, Integer>();
		for (String w : words) {
			f.merge(w, 1, Integer::sum);
		}
		return f;
	}

	private static double norm(Map<String, Integer> f) {
		double s = 0;
		for (int v : f.values()) {
			s += (double) v * v;
		}
		return Math.sqrt(s);
	}

	/**
	 * The text as the public column shows it: person names (HanLP's name recognition) become 某某,
	 * house and phone numbers become *, so that only the building stays recognisable.
	 */
	public String forPublic(String text) {
		if (text == null) {
			return null;
		}
		var sb = new StringBuilder();
		for (Term t : segment.seg(text)) {
			String nature = t.nature == null ? "" : t.nature.toString();
			sb.append(nature.startsWith("nr") ? "某某" : t.word);
		}
		var m = HOUSE_NUMBER.matcher(sb);
		var out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("(?U)\\d|[一二三四五六七八九十〇零百]", "*")));
		}
		m.appendTail(out);
		String masked = ADDRESSED_PERSON.matcher(out).replaceAll(p -> p.group().length() == 1 ? "某" : "某某");
		return ACCOUNT.matcher(masked).replaceAll(p -> Matcher.quoteReplacement(p.group(1) + "***"));
	}
}
