"""Synthetic person names in the mix of published judgments (contract.md, "Names as they occur
in real judgments"), for the evaluation sets only.

Written apart from ``redactor_synth/`` on purpose: the NER model is trained on names from that
package (and from its own training generator), so an evaluation drawing from the same lists
would measure how well the model learnt its own generator. Nothing here is imported by the
redactor or its training recipe.

Styles and shares (contract): ordinary Han 55 %, word-like given name 25 %, rare character
10 %, ethnic minority 6 % (with and without the middle dot), foreign 4 % (transliterated with
the dot, or in Han script: Vietnamese, Korean, Japanese).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

STYLES = ("ordinary", "wordlike", "rare", "minority", "foreign")
SHARES = (0.55, 0.25, 0.10, 0.06, 0.04)

# Surnames weighted roughly by frequency (the first ones most often), plus a few compound ones.
_SURNAMES_COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_SURNAMES_LESS = "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
_SURNAMES_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "皇甫", "令狐", "慕容", "尉迟", "东方", "夏侯")

# Given-name characters of ordinary names (common, name-like, not everyday words on their own).
_GIVEN_M = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志海峰亮东文成洪新庆海晓永振家子德春俊荣宏学兴良贵福祥瑞晨博浩然泽睿轩昊"
_GIVEN_F = "芳娜敏静丽艳娟霞秀英玲桂兰红梅琳燕萍雪慧莉月婷倩颖洁佳琪琴雯欣怡晶蕾薇凤翠彩丹娥春菊淑珍"
_GIVEN_PAIRS_M = ("建华", "志强", "建军", "国华", "永刚", "海涛", "志刚", "晓东", "建平", "文斌", "俊杰", "宏伟",
                  "金龙", "德华", "振华", "立军", "永强", "春生", "玉林", "新民", "长青", "学军", "家豪", "子轩",
                  "浩宇", "明辉", "佳乐", "晨阳", "国栋", "树林", "云峰", "庆丰", "瑞祥", "兴旺", "福生")
_GIVEN_PAIRS_F = ("秀英", "桂英", "丽娟", "海燕", "秀兰", "春梅", "玉兰", "丽华", "晓燕", "美玲", "雪梅", "红霞",
                  "淑珍", "婷婷", "佳怡", "欣怡", "梦瑶", "思雨", "雨桐", "诗涵", "晓红", "秀珍", "凤英", "翠花",
                  "丽萍", "艳芳", "小红", "文静", "慧敏", "金凤")

# Given names that are ordinary words (a word segmenter reads them as words): 王军, 张平安,
# 李国庆, 刘未来, 高明, 江山, 何方, 车欢, 周全, 邹开心.
_WORD_GIVEN = ("军", "平安", "国庆", "未来", "明", "山", "方", "欢", "全", "开心", "建国", "和平", "胜利",
               "红旗", "卫东", "海洋", "春天", "光明", "永远", "长江", "阳光", "快乐", "文化", "前进", "立新",
               "向阳", "东方", "振兴", "成功", "富强", "美丽", "幸福", "安全", "勇敢", "金山", "雪", "冰",
               "星", "月", "清风", "伟大", "华夏", "爱国", "建设", "解放", "援朝", "跃进", "小平", "国强",
               "民主", "自由", "团结", "秋实", "春雨", "彩虹", "希望", "远方", "如意", "吉祥", "发财", "顺利",
               "平", "静", "强", "林", "峰", "磊", "亮", "芳", "丽", "红", "兵", "刚", "勇", "玲", "洁",
               "晨光", "白云", "青山", "大海", "太平", "永久", "长城", "泰山", "黎明", "朝阳", "铁柱", "石头",
               "新年", "元旦", "中秋", "国华", "天下", "世界", "宇宙", "力量", "永生", "有才", "有福", "来福")
# Surnames that are themselves everyday words or characters that start words (高明, 江山, 何方).
_WORD_SURNAMES = "高江何车应周邹石熊向文金常万毕于白方田马牛龙黄钱安宁明时和全成"

# Less common characters in given names (翀, 昶, 婕, 珺, 玥, 晗, 堃, 彧...).
_RARE = "翀昶婕珺玥晗堃彧骞芃炜琰珏璟喆淼焱垚犇昕翊烨旻暄珩琛瑾璇婧姝妍芮翎桀钰铖锴岑崧嵘濛滢湉弢赟邺晔祎禛樾晟翾玹琬珂瑄璐婳嫣妘姞柘棠杼檀沄泓溟澍煊熠燊镕锘铎钊朗翥翚鹓鸾骁驰骥甦曌旸昀晞曦暾"

# Ethnic minorities (no Han surname). Uyghur / Kazakh: given·father, mostly with the dot.
_UYGHUR_GIVEN = ("阿依古丽", "买买提", "吐尔逊", "艾力", "古丽娜尔", "热依拉", "阿不都热合曼", "努尔兰", "迪丽努尔",
                 "艾尔肯", "帕提古丽", "阿迪力", "如克亚", "麦麦提", "依明", "玉素甫", "阿卜杜拉", "努尔古丽",
                 "叶尔江", "吐尔逊别克", "哈力木拉提", "阿曼古丽", "图尔荪", "木合塔尔", "沙吾提", "阿力木")
_UYGHUR_FATHER = ("买买提", "吐尔逊", "阿不都", "艾买提", "阿不力孜", "依明", "肉孜", "热合曼", "卡德尔", "斯拉木",
                  "叶尔江", "托合提", "吾斯曼", "亚森", "阿吾提", "努尔", "哈斯木", "加帕尔", "司马义", "牙生")
_TIBETAN = ("扎西", "次仁", "格桑", "卓玛", "顿珠", "央金", "达瓦", "尼玛", "拉姆", "旦增", "德吉", "平措", "洛桑",
            "多吉", "措姆", "边巴", "次珍", "曲珍", "普布", "索朗", "白玛", "贡嘎", "强巴", "仁青")
_MONGOLIAN = ("巴特尔", "其木格", "乌力吉", "额尔敦", "苏日娜", "那仁", "敖其尔", "吉日嘎拉", "宝音", "图雅",
              "斯琴", "朝鲁", "哈斯", "巴雅尔", "阿拉坦", "萨仁", "乌兰", "格日勒", "孟和", "毕力格", "达来")
_YI_CLAN = ("吉克", "阿苏", "沙马", "曲比", "海来", "木乃", "俄木", "阿约", "吉伍", "马海")
_YI_GIVEN = ("阿依", "拉哈", "伍各", "日哈", "石一", "阿呷", "尔古", "木呷", "史体", "阿果", "拉玛", "子日")

# Foreign names: transliterated (given·family) and in Han script.
_WEST_GIVEN_M = ("约翰", "迈克尔", "大卫", "詹姆斯", "保罗", "阿列克谢", "伊万", "谢尔盖", "穆罕默德", "艾哈迈德",
                 "托马斯", "彼得", "安德烈", "马克", "乔治", "德米特里")
_WEST_GIVEN_F = ("奥尔加", "伊琳娜", "安娜", "玛丽亚", "娜塔莎", "叶莲娜", "伊丽莎白", "索菲亚", "艾米丽", "塔季扬娜")
_WEST_FAMILY_M = ("史密斯", "布朗", "威尔逊", "泰勒", "波波夫", "伊万诺夫", "彼得罗夫", "阿里", "马丁", "加西亚",
                  "约翰逊", "米勒", "库兹涅佐夫", "哈桑")
_WEST_FAMILY_F = ("彼得罗娃", "索科洛娃", "伊万诺娃", "斯米尔诺娃", "史密斯", "加西亚", "布朗", "波波娃", "马丁")
_VIET = ("阮氏香", "阮文强", "黎氏梅", "陈文雄", "阮氏红", "范文同", "黎文俊", "阮氏玉", "武氏兰", "裴文德")
_KOREAN = ("朴成浩", "金敏俊", "李智恩", "崔秀妍", "朴志勋", "金贤重", "郑允浩", "申惠善", "韩在锡", "柳承敏")
_JAPANESE = ("田中健太", "佐藤一郎", "铃木美咲", "山本和也", "高桥直树", "渡边由美", "伊藤翔太", "中村优子",
             "小林大辅", "松本明美")


@dataclass(frozen=True)
class Person:
    """A synthetic person: what the builders and build_eval's header wrapper need."""

    full: str
    style: str
    sex: str
    birth: date
    ethnicity: str | None  # 汉族 / 维吾尔族 ... (None for a foreigner)
    nationality: str = "中国"

    @property
    def is_foreign(self) -> bool:
        return self.nationality != "中国"

    @property
    def surname(self) -> str:
        return self.full[0]


def _pick_surname(rng: random.Random, word_like: bool = False) -> str:
    if word_like and rng.random() < 0.5:
        return rng.choice(_WORD_SURNAMES)
    r = rng.random()
    if r < 0.02:
        return rng.choice(_SURNAMES_COMPOUND)
    if r < 0.80:
        # Frequency-ish: earlier surnames more often.
        i = min(int(rng.expovariate(1 / 25)), len(_SURNAMES_COMMON) - 1)
        return _SURNAMES_COMMON[i]
    return rng.choice(_SURNAMES_LESS)


def _ordinary_given(rng: random.Random, sex: str) -> str:
    pairs, chars = (_GIVEN_PAIRS_M, _GIVEN_M) if sex == "男" else (_GIVEN_PAIRS_F, _GIVEN_F)
    r = rng.random()
    if r < 0.35:
        return rng.choice(pairs)
    if r < 0.55:
        return rng.choice(chars)
    a, b = rng.choice(chars), rng.choice(chars)
    return a + b if a != b else a


def _rare_given(rng: random.Random, sex: str) -> str:
    chars = _GIVEN_M if sex == "男" else _GIVEN_F
    rare = rng.choice(_RARE)
    r = rng.random()
    if r < 0.35:
        return rare
    if r < 0.7:
        return rng.choice(chars) + rare
    return rare + rng.choice(chars)


def _minority(rng: random.Random, sex: str) -> tuple[str, str]:
    r = rng.random()
    if r < 0.45:
        given, father = rng.choice(_UYGHUR_GIVEN), rng.choice(_UYGHUR_FATHER)
        while father == given:
            father = rng.choice(_UYGHUR_FATHER)
        eth = rng.choice(["维吾尔族", "维吾尔族", "哈萨克族"])
        return (given + ("·" if rng.random() < 0.7 else "") + father), eth
    if r < 0.7:
        a, b = rng.sample(_TIBETAN, 2)
        return (a + b if rng.random() < 0.8 else a), "藏族"
    if r < 0.88:
        return rng.choice(_MONGOLIAN), "蒙古族"
    return rng.choice(_YI_CLAN) + rng.choice(_YI_GIVEN), "彝族"


def _foreign(rng: random.Random, sex: str) -> tuple[str, str]:
    r = rng.random()
    if r < 0.5:
        if sex == "男":
            return rng.choice(_WEST_GIVEN_M) + "·" + rng.choice(_WEST_FAMILY_M), rng.choice(["俄罗斯", "美国", "英国", "巴基斯坦"])
        return rng.choice(_WEST_GIVEN_F) + "·" + rng.choice(_WEST_FAMILY_F), rng.choice(["俄罗斯", "乌克兰", "美国"])
    if r < 0.7:
        return rng.choice(_VIET), "越南"
    if r < 0.87:
        return rng.choice(_KOREAN), "韩国"
    return rng.choice(_JAPANESE), "日本"


def pick_style(rng: random.Random) -> str:
    return rng.choices(STYLES, weights=SHARES)[0]


def random_birth(rng: random.Random, on: date = date(2018, 6, 1), min_age: int = 18, max_age: int = 70) -> date:
    return on - timedelta(days=rng.randint(min_age * 365 + 5, max_age * 365))


def make_person(rng: random.Random, style: str | None = None, surname: str | None = None,
                sex: str | None = None) -> Person:
    """One person of ``style`` (drawn in the contract's mix when None). A Han style keeps
    ``surname`` (the published placeholder's) four times in five."""
    style = style or pick_style(rng)
    sex = sex or rng.choice("男女")
    birth = random_birth(rng)
    han_surname = surname if surname and rng.random() < 0.8 else None
    if style == "ordinary":
        return Person((han_surname or _pick_surname(rng)) + _ordinary_given(rng, sex), style, sex, birth, "汉族")
    if style == "wordlike":
        return Person((han_surname or _pick_surname(rng, word_like=True)) + rng.choice(_WORD_GIVEN), style, sex, birth, "汉族")
    if style == "rare":
        return Person((han_surname or _pick_surname(rng)) + _rare_given(rng, sex), style, sex, birth, "汉族")
    if style == "minority":
        full, eth = _minority(rng, sex)
        return Person(full, style, sex, birth, eth)
    full, nation = _foreign(rng, sex)
    return Person(full, style, sex, birth, None, nation)


class NamePool:
    """Distinct names for one document: none occurs in the source text, none contains another."""

    def __init__(self, rng: random.Random, text: str):
        self.rng, self.text, self.used = rng, text, set()

    def _ok(self, full: str) -> bool:
        return full not in self.text and not any(full in u or u in full for u in self.used)

    def person(self, surname: str | None = None, style: str | None = None, han: bool = False) -> Person:
        style = "ordinary" if han else (style or pick_style(self.rng))
        for _ in range(300):
            p = make_person(self.rng, style, surname)
            if self._ok(p.full):
                self.used.add(p.full)
                return p
        raise RuntimeError("no distinct name")
