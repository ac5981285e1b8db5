"""Personal names as they appear in Chinese judgments.

Four kinds, because Art. 9 of the 2016 publication rules anonymizes each differently:
``han`` (surname + given name), ``minority`` (ethnic-minority names such as 阿不都热合曼·买买提,
扎西多吉, 巴特尔), ``transliterated`` (a foreign name in Chinese characters, 约翰·史密斯) and
``latin`` (a foreign name in Latin script, John SMITH). This module only produces names;
the anonymized form is the redactor's job.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

# Frequent surnames with rough population shares (per mille); order matters only for readability.
_FREQUENT = """
王72 李72 张68 刘54 陈45 杨31 黄22 赵23 吴20 周20 徐17 孙15 马14 朱13 胡13 郭12 何12 高10 林10 罗9
郑8 梁8 谢7 宋6 唐6 许6 韩6 冯6 邓6 曹5 彭5 曾5 肖5 田5 董5 袁4 潘4 于4 蒋4 蔡4 余4 杜4 叶4 程4
苏4 魏4 吕3 丁3 任3 沈3 姚3 卢3 姜3 崔3 钟3 谭3 陆3 汪3 范3 金2 石2 廖2 贾2 夏2 韦2 付2 方2 白2
邹2 孟2 熊2 秦2 邱2 江2 尹2 薛2 闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾1 毛1 郝1 龚1 邵1 万1 钱1
严1 覃1 武1 戴1 莫1 孔1 向1 汤1 常1 温1 康1 施1 文1 牛1 樊1 葛1 邢1 安1 齐1 易1 乔1 伍1 庞1 颜1
倪1 庄1 聂1 章1 鲁1 岳1 翟1 殷1 詹1 申1 欧1 耿1 关1 兰1 焦1 俞1 左1 柳1 甘1 祝1 包1 宁1 尚1 符1
舒1 阮1 柯1 纪1 梅1 童1 凌1 毕1 单1 季1 裴1 霍1 涂1 成1 苗1 谷1 盛1 曲1 翁1 冉1 骆1 蓝1 路1 游1
"""
# Rare single-character surnames (each drawn uniformly from this pool).
_RARE = list(
    "隋郦訾鄢佘禚逯亓仉蒯阚芮缑厍邝晏蔺栾岑鞠谯揭虞滕卞邬宓蒙酆巫琚郜郗靳牟昝臧茅樊扈"
    "冀笪禹晁咸查鲍莘邴暴寇桑荆仇宦郁荀佟羿郏漆栗燕闵於竺"
)
_COMPOUND = (
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 宇文 长孙 端木 澹台 闻人 南宫 "
    "西门 申屠 呼延 钟离 赫连 轩辕 独孤 百里 万俟 司空"
).split()

_MALE_SINGLE = list("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国峰亮成东文海志新兵永春雷晨博锋毅坤昊彬锐")
_FEMALE_SINGLE = list("芳娜敏静丽艳娟霞秀玲燕红婷雪梅琳莉慧颖倩萍月洁晶欣怡佳悦丹璐蕾薇琴英兰云凤珍莹璇瑶")
_MALE_FIRST = list("建国志文晓海春秋永子浩宇俊振家明德金伟立国宏嘉思天鹏学新东卫红小")
_MALE_SECOND = list("华军明伟强平杰斌辉峰涛刚勇亮林龙飞超磊鹏波宇轩浩然睿泽豪杰成东生民庆祥福")
_FEMALE_FIRST = list("秀晓春玉丽美雅思梓紫欣佳静雪海晶红桂凤淑素子雨诗梦心若婉")
_FEMALE_SECOND = list("英兰芳华梅娟霞琴萍红丽敏燕玲婷琳怡涵萱彤妍瑶颖雯洁莉倩娜蓉珍霏")

# Ethnic-minority names. Uyghur/Kazakh: personal name · father's name; Tibetan: two
# two-character elements; Mongolian: one or two elements; Yi: clan name + personal name.
_UYGHUR_MALE = "阿不都热合曼 买买提 艾力 吐尔逊 艾合买提 努尔买买提 热合曼 阿迪力 伊力哈木 麦麦提 吾守尔 玉苏甫 依明 阿卜杜拉 塔依尔 亚森 艾尔肯 库尔班 阿布都外力 肉孜".split()
_UYGHUR_FEMALE = "阿依古丽 古丽米拉 帕提古丽 迪丽努尔 热依拉 阿依努尔 古丽娜尔 米日古丽 布合力其姑丽 祖丽胡玛尔 阿米娜 玛依拉".split()
_KAZAKH = "努尔兰 叶尔兰 别克 哈那提 加尔肯 巴合提亚尔 阿斯哈尔 叶尔江 沙吾列 古丽巴哈尔".split()
_TIBETAN = "扎西 多吉 次仁 顿珠 卓玛 央金 拉姆 旺堆 格桑 达瓦 平措 索朗 尼玛 边巴 白玛 德吉 曲珍 洛桑 丹增 普布 央宗 巴桑".split()
_MONGOL = "巴特尔 额尔敦 苏和 巴雅尔 朝鲁 乌兰 其其格 斯琴 格日勒 那仁 图雅 宝音 孟和 额尔德尼 阿拉坦 呼和 满都拉 娜仁 萨仁 敖登".split()
_YI_CLAN = "吉克 阿苏 沙马 阿洛 俄木 吉伍 海来 马海 曲比 阿约".split()
_YI_GIVEN = "阿依 拉且 木呷 伍呷 尔古 日哈 阿支 依莫 石布 拉哈".split()

_TRANSLIT = {
    "美国": ("约翰 迈克尔 大卫 詹姆斯 罗伯特 玛丽 詹妮弗 琳达 伊丽莎白 苏珊", "史密斯 约翰逊 威廉姆斯 布朗 琼斯 米勒 戴维斯 威尔逊 安德森 泰勒"),
    "英国": ("乔治 哈里 奥利弗 杰克 艾米丽 夏洛特 索菲亚", "泰勒 威尔逊 埃文斯 托马斯 罗伯茨 沃克 怀特"),
    "俄罗斯": ("伊万 谢尔盖 德米特里 亚历山大 安德烈 娜塔莎 奥尔加 叶莲娜", "伊万诺夫 彼得罗夫 斯米尔诺夫 库兹涅佐夫 波波夫 彼得罗娃 伊万诺娃"),
    "德国": ("托马斯 迈克尔 安德烈亚斯 斯特凡 乌尔丽克 莎宾娜", "穆勒 施密特 施耐德 费舍尔 韦伯 迈耶 瓦格纳"),
    "法国": ("让 皮埃尔 米歇尔 菲利普 玛丽 娜塔莉 伊莎贝尔", "马丁 贝尔纳 杜波依斯 托马 罗伯特 勒菲弗"),
    "越南": ("阮氏 陈氏 黎氏 范氏", "香 兰 梅 花 玉 青 秋"),
}
_TRANSLIT_NATIONALITY = {
    "美国": "美利坚合众国", "英国": "大不列颠及北爱尔兰联合王国", "俄罗斯": "俄罗斯联邦",
    "德国": "德意志联邦共和国", "法国": "法兰西共和国", "越南": "越南社会主义共和国",
}
_LATIN = {
    "美利坚合众国": ("John Michael David James Robert Mary Jennifer Linda Susan Emily", "SMITH JOHNSON WILLIAMS BROWN JONES MILLER DAVIS WILSON ANDERSON TAYLOR"),
    "加拿大": ("Liam Noah Ethan Olivia Emma Charlotte", "TREMBLAY GAGNON ROY MARTIN LEE WILSON"),
    "澳大利亚联邦": ("Oliver William Jack Mia Chloe Isla", "SMITH JONES WILLIAMS BROWN WILSON TAYLOR"),
    "德意志联邦共和国": ("Thomas Michael Andreas Stefan Ulrike Sabine", "MUELLER SCHMIDT SCHNEIDER FISCHER WEBER MEYER"),
    "意大利共和国": ("Marco Luca Giuseppe Giulia Francesca", "ROSSI RUSSO FERRARI ESPOSITO BIANCHI ROMANO"),
    "大韩民国": ("Minjun Seojun Jiwoo Seoyeon Hayoon", "KIM LEE PARK CHOI JUNG KANG"),
}
_ETHNIC_WITH_HAN_NAMES = ["回族", "壮族", "满族", "土家族", "苗族", "朝鲜族", "布依族", "侗族", "白族"]


def _parse_frequent() -> tuple[list[str], list[int]]:
    names, weights = [], []
    for tok in _FREQUENT.split():
        names.append(tok[0])
        weights.append(int(tok[1:]))
    return names, weights


_FREQ_NAMES, _FREQ_W = _parse_frequent()
_FREQ_CUM = list(accumulate(_FREQ_W))


@dataclass(frozen=True)
class Person:
    """A natural person as a judgment describes one."""

    full: str
    surname: str  # "" where the naming culture has none (Uyghur, Tibetan, Mongolian names)
    given: str
    kind: str  # han | minority | transliterated | latin
    sex: str  # 男 | 女
    birth: date
    ethnicity: str = "汉族"  # 汉族, 回族, 维吾尔族...; "" for foreigners
    nationality: str = "中华人民共和国"

    @property
    def is_foreign(self) -> bool:
        return self.kind in ("transliterated", "latin")

    def age_on(self, day: date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))


def han_surname(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.015:
        return rng.choice(_COMPOUND)
    if r < 0.05:
        return rng.choice(_RARE)
    x = rng.random() * _FREQ_CUM[-1]
    return _FREQ_NAMES[bisect_right(_FREQ_CUM, x)]


def han_given(rng: random.Random, sex: str, birth_year: int = 1985) -> str:
    # Single-character given names were more common for people born 1960-1995.
    p_single = 0.35 if 1960 <= birth_year <= 1995 else 0.2
    if rng.random() < p_single:
        return rng.choice(_MALE_SINGLE if sex == "男" else _FEMALE_SINGLE)
    if sex == "男":
        a, b = rng.choice(_MALE_FIRST), rng.choice(_MALE_SECOND)
    else:
        a, b = rng.choice(_FEMALE_FIRST), rng.choice(_FEMALE_SECOND)
    if a == b and rng.random() < 0.7:  # reduplicated names (婷婷) exist but are rarer
        b = rng.choice(_MALE_SECOND if sex == "男" else _FEMALE_SECOND)
    return a + b


def random_birth(rng: random.Random, on: date, min_age: int, max_age: int) -> date:
    """A birth date giving an age between min_age and max_age (inclusive) on ``on``."""
    hi = _years_before(on, min_age)
    lo = _years_before(on, max_age + 1) + timedelta(days=1)
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def han_person(rng: random.Random, birth: date, sex: str | None = None, surname: str | None = None) -> Person:
    sex = sex or rng.choice("男女")
    surname = surname or han_surname(rng)
    given = han_given(rng, sex, birth.year)
    ethnicity = "汉族" if rng.random() < 0.93 else rng.choice(_ETHNIC_WITH_HAN_NAMES)
    return Person(surname + given, surname, given, "han", sex, birth, ethnicity)


def minority_person(rng: random.Random, birth: date, sex: str | None = None) -> Person:
    sex = sex or rng.choice("男女")
    group = rng.choice(["维吾尔族", "维吾尔族", "哈萨克族", "藏族", "藏族", "蒙古族", "蒙古族", "彝族"])
    if group == "维吾尔族":
        own = rng.choice(_UYGHUR_MALE if sex == "男" else _UYGHUR_FEMALE)
        father = rng.choice(_UYGHUR_MALE)
        return Person(f"{own}·{father}", "", f"{own}·{father}", "minority", sex, birth, group)
    if group == "哈萨克族":
        own, father = rng.choice(_KAZAKH), rng.choice(_KAZAKH)
        return Person(f"{own}·{father}", "", f"{own}·{father}", "minority", sex, birth, group)
    if group == "藏族":
        a, b = rng.sample(_TIBETAN, 2)
        return Person(a + b, "", a + b, "minority", sex, birth, group)
    if group == "蒙古族":
        name = rng.choice(_MONGOL) if rng.random() < 0.6 else "".join(rng.sample(_MONGOL, 2))
        return Person(name, "", name, "minority", sex, birth, group)
    clan, given = rng.choice(_YI_CLAN), rng.choice(_YI_GIVEN)
    return Person(clan + given, clan, given, "minority", sex, birth, group)


def transliterated_person(rng: random.Random, birth: date, sex: str | None = None) -> Person:
    country = rng.choice(list(_TRANSLIT))
    firsts, lasts = (s.split() for s in _TRANSLIT[country])
    first, last = rng.choice(firsts), rng.choice(lasts)
    nationality = _TRANSLIT_NATIONALITY[country]
    if country == "越南":  # 阮氏香: family name first, no separator
        return Person(first + last, first[0], first[1:] + last, "transliterated", "女", birth, "", nationality)
    return Person(f"{first}·{last}", last, first, "transliterated", sex or rng.choice("男女"), birth, "", nationality)


def latin_person(rng: random.Random, birth: date, sex: str | None = None) -> Person:
    nationality = rng.choice(list(_LATIN))
    firsts, lasts = (s.split() for s in _LATIN[nationality])
    first, last = rng.choice(firsts), rng.choice(lasts)
    return Person(f"{first} {last}", last, first, "latin", sex or rng.choice("男女"), birth, "", nationality)


def random_person(rng: random.Random, birth: date, sex: str | None = None, *,
                  p_minority: float = 0.04, p_foreign: float = 0.015) -> Person:
    """Mostly Han names, sometimes ethnic-minority or foreign ones."""
    r = rng.random()
    if r < p_foreign:
        return transliterated_person(rng, birth, sex) if rng.random() < 0.6 else latin_person(rng, birth, sex)
    if r < p_foreign + p_minority:
        return minority_person(rng, birth, sex)
    return han_person(rng, birth, sex)


def spaced(name: str) -> str:
    """How signature blocks print two-character names: 王　伟."""
    if len(name) == 2:
        return name[0] + "\u3000" + name[1]
    return name
