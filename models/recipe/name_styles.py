"""Training names in every style of the contract, and bare fact sentences that use them.

The contract (``../shared/spec/contract.md``, "Names as they occur in real judgments") says real
judgments carry about 55 % ordinary Han names, 25 % names whose given name (or whole name) is an
ordinary word (王军, 张平安, 高明, 江山), 10 % names with a less common character (翀, 昶, 婕),
6 % ethnic-minority names (阿依古丽·买买提, 扎西次仁, 巴特尔, 吉克阿依) and 4 % foreign names
(约翰·史密斯, 阮氏香, 朴成浩, 田中健太). This module draws names in those styles for TRAINING only.
``evaluate.py`` has its own, separate generator with other lists and seeds: a model must not be
scored on the names it was taught.

``fact_sentences`` writes the shapes names take in bare fact text: after a role word, in lists
(被告人A、B和C, 伙同D、E), with no role word, fused with the next word (被告人车欢在本市…,
被害人周全蓝色电动车, 老板严潇珈被迫…), in possessives and places (X家中, X的, X处), and a
word-like name next to the same word used as a word (被告人高明的作案手段并不高明), so that the
model learns the context and not a list.
"""

from __future__ import annotations

import random

PERSON = "PERSON"
STYLES = ("ordinary", "wordlike", "rare", "minority", "foreign")
# The contract's mix, and the mix trained on: the hard styles drawn more often than they occur.
CONTRACT_MIX = (0.55, 0.25, 0.10, 0.06, 0.04)
TRAIN_MIX = (0.35, 0.30, 0.14, 0.12, 0.09)

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游车应敖伊"
)
_RARE_SURNAMES = "隋郦訾鄢佘逯亓蒯阚芮缑邝晏蔺栾岑鞠谯揭虞滕卞邬宓蒙巫郜郗靳牟昝臧茅扈冀禹晁鲍莘邴寇桑荆仇宦郁荀佟羿漆栗闵"
_COMPOUND = "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 宇文 长孙 端木 南宫 西门 呼延 钟离".split()

# Characters of ordinary given names: a broad pool, so that the model learns where a name
# stands rather than which characters names are made of (1.1.0 was trained on the 139 given-name
# characters of redactor_synth and misses 高莲 in 被告人高莲与李菊发生争执: 莲 was never in a name).
_GIVEN_POOL = (
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰亮成东文海志新兵永春雷晨博锋毅坤昊彬锐芳娜"
    "敏静丽艳娟霞秀玲燕红婷雪梅琳莉慧颖倩萍月洁晶欣怡佳悦丹璐蕾薇琴英兰云凤珍莹璇瑶建晓秋子振家德金立国宏嘉"
    "思天学卫小玉美雅梓紫桂淑素雨诗梦心若婉轩然睿泽豪民庆祥福涵萱彤妍雯蓉正义仁礼信忠孝廉勤俭松柏竹兴旺发达"
    "开富耀光煌灿远久安康乐吉利和谐少青中大世继承先进士善友朋业炳焕炎烁钧铭锦钢铁铮镇江河湖洋淳澈泉源涌溪岩"
    "岭岗崇岳嵩森杉桦桐梁栋材枫李杏荷芸芬蓓茜蓝曦昌晋晖暖智聪捷壮稳定坚实诚厚载道书武雄威猛虎彪鹤鸿莺鹰雁翔"
    "腾跃奔驰骏骥一二三四五六七八九十百千万双仙贞珠瑛璋琪瑜环玮冬夏岁年日星辰乾地玄黄宗祖恩惠润沛霖露霜冰"
    "老阿丫姐妮娃女男根苗枝叶花朵果田禾稼穗满"
)
_GIVEN_1 = _GIVEN_POOL
_GIVEN_A = _GIVEN_POOL
_GIVEN_B = _GIVEN_POOL

# Given names that are ordinary words (a word segmenter reads 张平安 as 张 + 平安 "safe").
_WORD_GIVEN = (
    "平安 国庆 未来 开心 和平 胜利 光明 红旗 建设 富贵 吉祥 春天 海燕 长江 美丽 快乐 幸福 成功 希望 天真 大海 新华 中华 "
    "海军 卫国 爱国 建军 建华 前进 跃进 永生 解放 文化 团结 东风 朝阳 向阳 红军 秋菊 春花 白雪 小龙 宝贝 金山 银行 钢铁 "
    "铁军 国强 振兴 兴旺 发财 来福 长城 黄河 红梅 冬梅 晓峰 春雷 雷雨 晴天 彩虹 阳光 明天 青春 自由 忠诚 勇敢 坚强 "
    "安全 健康 小平 小军 志强 德才 有才 有福 全福 金凤 玉兰 丽华 秀英 桂英 保国 保平 国华 国平 国民 人民 公正 正义 "
    "文明 和谐 友善 诚信 敬业 奋斗 英雄 大勇 小勇 一鸣 一帆 一凡 万里 千里 百川 海洋 森林 山峰 江河 明月 清风 流水"
).split()
# Surname + one character that together form an ordinary word (高明 "clever", 周全 "thorough").
_WORD_WHOLE = (
    "高明 江山 何方 车欢 周全 文静 白云 黄金 方向 金钱 马上 高峰 石头 常青 万里 严明 林立 时光 向前 安静 "
    "高兴 高超 高强 高尚 高原 江南 江海 方正 方圆 方便 白雪 白玉 白杨 文明 文章 文化 黄河 黄山 金星 金龙 "
    "石磊 石林 雷霆 雷鸣 钱财 丁香 宁静 齐心 齐全 成功 成才 成全 海洋 柳絮 梅花 关心 关键 甘甜 包容 "
    "舒适 舒心 童话 梁柱 程序 毛毯 夏天 夏雨 春晓 秦川 洪亮 洪水 胡同 杨柳 叶子 牛奔 左右 司机 于是 和平 "
    "安康 安宁 易懂 乔木 伍佰 龙腾 凤翔 车辆 路遥 路通 邢台 常乐 尚好 师范 苗壮 谷雨 武威 孔明 季节"
).split()
# A word-like name beside the same word used as a word: (name, a clause using the word).
_WORD_IN_USE = [
    ("高明", "其作案手段并不高明"), ("周全", "考虑得不够周全"), ("何方", "不知其来自何方"),
    ("江山", "在江山市租房居住"), ("王军", "曾在军营服役"), ("张平安", "祝愿家人平安"),
    ("李国庆", "国庆节期间"), ("刘未来", "承诺未来三个月内还款"), ("车欢", "车辆停放在路边"),
    ("文静", "平时性格文静"), ("白云", "驾车前往白云区"), ("黄金", "窃得黄金项链一条"),
    ("方向", "驾车向东方向逃离"), ("金钱", "为获取金钱"), ("马上", "称马上还款"), ("石头", "捡起石头砸向车窗"),
    ("成功", "未能得逞成功"), ("安静", "案发时周围安静"), ("高兴", "因喝酒高兴"), ("钱财", "骗取钱财"),
    ("关心", "出于关心"), ("程序", "依照法定程序"), ("海洋", "在海洋馆门口"), ("夏天", "去年夏天"),
    ("王和平", "和平解决纠纷"), ("赵胜利", "以为胜利在望"), ("孙开心", "为讨对方开心"),
    ("陈光明", "光明路与解放路交叉口"), ("郑幸福", "幸福小区"), ("吴希望", "希望法院从轻处罚"),
    ("冯快乐", "快乐大本营"), ("马健康", "影响身体健康"), ("许安全", "存在安全隐患"),
    ("刘自由", "限制他人人身自由"), ("徐阳光", "阳光花园小区"), ("杨明天", "约定明天见面"),
    ("邹开心", "玩得很开心"), ("应未来", "对未来生活"), ("唐长江", "长江大桥"),
    ("林立", "附近商铺林立"), ("严明", "纪律严明"), ("向前", "继续向前行驶"), ("常青", "常青藤"),
]

_RARE_CHARS = "翀昶婕珺玥晗堃彧翊煜琰璟瑾珏骞赟昀喆祎燚垚淼犇珮琪瑜璇琬璐珂瑶玮琨琛瑭璋瑄琦晟昱晔旸暄曦炜烨焱熠" \
              "钰铭锴镕鑫沅泓淇澜潇湛濠浠渲沐芃芊苒荨蓁萱蔚薇菁婧姝妤娅婷嫣媛嫚嬿姗婵妍妘娉甯郯邰峣嵘崧岚巍" \
              "骁骐骅驰驹彦彬彪昕晞皓颢頔霁霈雯霏靓韬韫馥馨鹤鹏鸿麟犀璞骥" \
              "祺禛禧禹稷穆笙筠箐篁粲綦缇缦缨羲翎翙耘聿肇胤舜苡茗莞菀萋葳蒨蔻蕙蕤薏藜蘅蛟衍衿袆谌谧豫赜" \
              "跻辂迪逍遒邕郅醇钊钤铎锟镛阆隽雎霓靖韶颀飏馗骊鲲鹂麒黛"

_UYGHUR = ("阿依古丽 买买提 吐尔逊 艾力 阿不都 热合曼 艾合买提 努尔 麦麦提 吾守尔 玉苏甫 依明 阿卜杜拉 塔依尔 亚森 "
           "艾尔肯 库尔班 肉孜 帕提古丽 迪丽努尔 热依拉 古丽娜尔 米日古丽 祖丽胡玛尔 阿米娜 玛依拉 买合木提 阿力木 "
           "艾则孜 艾山 吐尔洪 买买江 阿布拉 斯拉木 努尔古丽 阿丽米热 再努尔 哈斯木 依布拉音 牙生 木沙 乃比江").split()
_KAZAKH = "别克 叶尔江 努尔兰 叶尔兰 哈那提 加尔肯 阿斯哈尔 沙吾列 巴合提 叶尔波拉提 阿依达尔 吐尔逊别克 哈依拉提 马合沙提 叶尔肯 居马别克".split()
_TIBETAN = "扎西 次仁 格桑 卓玛 多吉 顿珠 央金 拉姆 旺堆 达瓦 平措 索朗 尼玛 边巴 白玛 德吉 曲珍 洛桑 丹增 普布 央宗 巴桑 旦增 次珍 罗布 加措 才让 卓嘎 拉巴 贡布".split()
_MONGOL = "巴特尔 其木格 额尔敦 苏和 巴雅尔 朝鲁 乌兰 其其格 斯琴 格日勒 那仁 图雅 宝音 孟和 阿拉坦 呼和 满都拉 娜仁 萨仁 敖登 敖其尔 吉日嘎拉 乌日娜 苏日娜 布仁 巴图 额尔德木图 哈斯".split()
_YI = ("吉克 阿苏 沙马 阿洛 俄木 吉伍 海来 马海 曲比 阿约 阿尔 吉木", "阿依 拉且 木呷 伍呷 尔古 日哈 阿支 依莫 石布 拉哈 阿呷 子哈")

_TRANSLIT_FIRST = "约翰 迈克尔 大卫 詹姆斯 玛丽 詹妮弗 伊丽莎白 乔治 杰克 奥尔加 伊万 谢尔盖 德米特里 亚历山大 安德烈 娜塔莎 伊琳娜 叶莲娜 托马斯 皮埃尔 穆罕默德 阿里 卡洛斯 安娜 玛利亚 彼得 保罗 威廉".split()
_TRANSLIT_LAST = "史密斯 约翰逊 布朗 琼斯 米勒 威尔逊 泰勒 彼得罗娃 彼得罗夫 伊万诺夫 伊万诺娃 索科洛娃 索科洛夫 库兹涅佐夫 波波夫 穆勒 施密特 马丁 贝尔纳 冈萨雷斯 罗德里格斯 汗 侯赛因 沃克".split()
_VIET = ("阮 陈 黎 范 黄 武 潘 吴", "氏 文 德 明 清", "香 兰 梅 花 玉 青 秋 雄 勇 山 海 草 莲 翠")
_KOREAN = ("金 李 朴 崔 郑 姜 赵 尹 张 林 韩 申", "成 敏 贤 秀 在 俊 东 承 宰 允 智 恩 惠 美 正 相", "浩 镐 锡 植 勋 熙 英 妍 雅 贞 淑 哲 宇 焕 勇 珠")
_JAPANESE = ("田中 佐藤 铃木 高桥 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 松本 井上 木村 清水", "健太 翔太 大辅 拓也 直树 和也 美咲 由美 惠子 阳子 花子 一郎 健一 诚 明美 裕子")


def han(rng: random.Random, surname: str | None = None) -> str:
    if surname is None:
        r = rng.random()
        surname = rng.choice(_COMPOUND) if r < 0.03 else rng.choice(_RARE_SURNAMES) if r < 0.08 else rng.choice(_SURNAMES)
    if rng.random() < 0.35:
        return surname + rng.choice(_GIVEN_1)
    return surname + rng.choice(_GIVEN_A) + rng.choice(_GIVEN_B)


def wordlike(rng: random.Random, surname: str | None = None) -> str:
    if surname is None and rng.random() < 0.4:
        return rng.choice(_WORD_WHOLE)
    surname = surname or rng.choice(_SURNAMES)
    if rng.random() < 0.25:  # one-character word given names: 王军, 李强, 张伟 read as 军 / 强
        return surname + rng.choice("军强平安明山方欢全静勇刚华龙凤兵伟冬春秋雪云海江河")
    return surname + rng.choice(_WORD_GIVEN)


def rare(rng: random.Random, surname: str | None = None) -> str:
    surname = surname or (rng.choice(_RARE_SURNAMES) if rng.random() < 0.3 else rng.choice(_SURNAMES))
    c = rng.choice(_RARE_CHARS)
    r = rng.random()
    if r < 0.4:
        return surname + c
    if r < 0.7:
        return surname + rng.choice(_GIVEN_A) + c
    return surname + c + rng.choice(_GIVEN_B + _RARE_CHARS)


def minority(rng: random.Random) -> str:
    r = rng.random()
    dot = "·" if rng.random() < 0.7 else ""
    if r < 0.35:
        a, b = rng.sample(_UYGHUR, 2)
        return a + dot + b
    if r < 0.5:
        a, b = rng.sample(_KAZAKH, 2)
        return a + dot + b
    if r < 0.72:
        a, b = rng.sample(_TIBETAN, 2)
        return a + b if rng.random() < 0.85 else a
    if r < 0.9:
        return rng.choice(_MONGOL) if rng.random() < 0.7 else "".join(rng.sample(_MONGOL, 2))
    return rng.choice(_YI[0].split()) + rng.choice(_YI[1].split())


def foreign(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return rng.choice(_TRANSLIT_FIRST) + rng.choice(["·", "·", "·", "•", ""]) + rng.choice(_TRANSLIT_LAST)
    if r < 0.67:
        a, b, c = (s.split() for s in _VIET)
        return rng.choice(a) + rng.choice(b) + rng.choice(c)
    if r < 0.84:
        a, b, c = (s.split() for s in _KOREAN)
        return rng.choice(a) + rng.choice(b) + rng.choice(c)
    a, b = (s.split() for s in _JAPANESE)
    return rng.choice(a) + rng.choice(b)


def draw_style(rng: random.Random, mix=TRAIN_MIX) -> str:
    return rng.choices(STYLES, weights=mix)[0]


def name(rng: random.Random, style: str | None = None, surname: str | None = None) -> tuple[str, str]:
    """(name, style). A Han surname is kept when given (filling 张某 keeps 张); minority and
    foreign names have none of their own."""
    style = style or draw_style(rng)
    if style == "ordinary":
        return han(rng, surname), style
    if style == "wordlike":
        return wordlike(rng, surname), style
    if style == "rare":
        return rare(rng, surname), style
    if style == "minority":
        return minority(rng), style
    return foreign(rng), style


# ---------------------------------------------------------------- bare fact sentences

_PLACES = "本市 本区 该县 城区 镇上 村里 市区 开发区 工业园区 火车站附近 汽车站 菜市场 小区 网吧 宾馆 超市 KTV 停车场 工地 厂区".split()
_CITIES = "杭州市 温州市 嵊州市 当阳市 宜昌市 南宁市 昆明市 成都市 武汉市 长沙市 郑州市 西安市 兰州市 乌鲁木齐市 拉萨市 呼和浩特市 西宁市 贵阳市 福州市 厦门市 泉州市".split()
_GOODS = "手机 电动车 电瓶 摩托车 笔记本电脑 现金 金项链 香烟 白酒 钱包 银行卡 自行车 电缆 铜线 钢管 茶叶 手表 平板电脑".split()
_COLORS = "蓝色 红色 黑色 白色 银色 灰色 绿色".split()
_ROLES_ONE = "被告人 被害人 原告 被告 证人 犯罪嫌疑人 上诉人 被上诉人 申请人 被申请人 第三人 罪犯 同案犯 受害人 报案人 失主 民警 辅警 老板 店主 司机 经理 会计 员工 其妻 其夫 其子 其女 其父 其母 邻居 朋友 同事 房东 租客".split()
_ROLES_LIST = "被告人 被害人 证人 民警 公安民警 犯罪嫌疑人 原告 被告".split()


def _date(rng: random.Random) -> str:
    y = rng.randrange(2008, 2024)
    return rng.choice([f"{y}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日",
                       f"{y}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日{rng.randrange(0, 24)}时许",
                       f"{y}年{rng.randrange(1, 13)}月", f"同年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日", "当日", "次日凌晨",
                       f"{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日晚"])


def _amount(rng: random.Random) -> str:
    return rng.choice([f"{rng.randrange(100, 99999)}元", f"人民币{rng.randrange(1, 500)}万元", f"{rng.randrange(50, 5000)}元"])


# Each template: "{0}", "{1}" … are person slots; other fields are filled by _fill_context.
_TEMPLATES = [
    "被告人{0}在{place}盗窃{color}{goods}一辆。",
    "被告人{0}于{date}在{city}{place}窃得{1}的{goods}，价值{amount}。",
    "被告人{0}至{city}{place}，趁无人之机窃走{goods}。",
    "被告人{0}归案后如实供述自己的罪行。",
    "被告人{0}、{1}和{2}窜至{city}{place}，盗窃{goods}若干。",
    "被告人{0}、{1}、{2}经事先预谋，窜至{place}实施盗窃。",
    "{date}，被告人{0}伙同{1}、{2}在{place}实施诈骗，骗得{amount}。",
    "被告人{0}伙同{1}窜至{place}，盗窃被害人{2}{color}电动车一辆。",
    "被害人{0}{color}电动车停放在{place}，被被告人{1}窃走。",
    "老板{0}被迫拿出现金{amount}交给被告人{1}。",
    "被告人{0}将从{1}、{2}处购买的{goods}转卖给他人。",
    "被告人{0}将从{1}处骗得的{amount}用于赌博。",
    "公安民警{0}、{1}追上被告人{2}并将其抓获。",
    "民警{0}、{1}接警后赶到现场。",
    "被告人{0}盗窃走{1}放在柜台内的{goods}。",
    "{date}，被告人{0}在{1}家中窃得{amount}。",
    "被告人{0}窜至被害人{1}家中，窃得{goods}。",
    "{0}因琐事与{1}发生争执，后{0}持刀将{1}刺伤。",
    "{0}在{place}将{1}的{goods}抢走。",
    "经鉴定，被害人{0}的损伤程度为轻伤二级。",
    "证人{0}证实，{date}其在{place}看见{1}驾驶{color}轿车离开。",
    "原告{0}通过京东向被告{1}购买{goods}，支付{amount}。",
    "原告{0}与被告{1}于{date}登记结婚。",
    "被告{0}向原告{1}借款{amount}，约定{date}前归还。",
    "被告人{0}系{1}之子。",
    "其妻{0}、其子{1}均证实案发当晚情况。",
    "被告人{0}驾驶{color}摩托车将被害人{1}撞倒。",
    "被告人{0}以帮助办理贷款为由，骗取{1}{amount}。",
    "案发后，被告人{0}的亲属代为退赔被害人{1}的经济损失，取得{1}的谅解。",
    "被告人{0}在{city}{place}租住期间，多次窃取{1}、{2}等人的财物。",
    "{0}、{1}二人在{place}吸食毒品时被民警当场抓获。",
    "被告人{0}与{1}系朋友关系。",
    "{date}，{0}向{1}借款{amount}，并出具借条一张。",
    "被告人{0}、{1}分得赃款各{amount}。",
    "被告人{0}被抓获后，{1}主动到公安机关投案。",
    "{0}的{goods}放在{place}被盗。",
    "经{0}介绍，被告人{1}认识了{2}。",
    "后被告人{0}将窃得的{goods}以{amount}的价格卖给{1}。",
    "被告人{0}在本市{place}与{1}发生口角。",
    "被告人{0}等人窜至{place}。",
    "被告人{0}对{1}拳打脚踢，致{1}受伤。",
    "被告人{0}把{1}的{goods}藏匿于{place}。",
    "被告人{0}被{1}当场抓获，扭送至派出所。",
    "被告人{0}向被害人{1}谎称可以办理入学手续。",
    "被害人{0}陈述，其{goods}于{date}被盗。",
    "{0}称其不知道{1}的去向。",
    "{date}，{0}报警称其{goods}被盗。",
    "被告人{0}被当场抓获，{goods}已返还{1}。",
    "被告人{0}先后五次窃取{1}、{2}、{3}的财物，共计价值{amount}。",
    "被告人{0}和被害人{1}均系{city}人。",
    "{0}于{date}死亡。",
    "上诉人{0}不服{city}人民法院判决，提出上诉。",
    "被告人{0}将{1}带至{place}，对其实施殴打。",
    "店主{0}发现后报警。",
    "司机{0}将车停在{place}后离开。",
    "房东{0}证实，{1}于{date}租住其房屋。",
    "被告人{0}在{city}{place}被公安机关抓获。",
    "{0}、{1}、{2}、{3}等人在{place}聚众赌博。",
]


def _fill_context(rng: random.Random, tpl: str) -> str:
    fields = {"place": rng.choice(_PLACES), "city": rng.choice(_CITIES), "goods": rng.choice(_GOODS),
              "color": rng.choice(_COLORS), "date": _date(rng), "amount": _amount(rng)}
    out = tpl
    for k, v in fields.items():
        out = out.replace("{" + k + "}", v)
    return out


def fact_sentence(rng: random.Random, mix=TRAIN_MIX) -> tuple[str, list[tuple[int, int, str]], list[str]]:
    """One bare fact sentence: (text, PERSON spans, the style of each span)."""
    if rng.random() < 0.12:
        return _word_in_use(rng)
    tpl = _fill_context(rng, rng.choice(_TEMPLATES))
    # a role word of the template may be swapped for another one (老板, 其妻, 证人…)
    if rng.random() < 0.25 and tpl.startswith("被告人"):
        tpl = rng.choice(_ROLES_ONE) + tpl[3:]
    names: dict[str, tuple[str, str]] = {}
    text, spans, styles = "", [], []
    i = 0
    while i < len(tpl):
        if tpl[i] == "{" and tpl[i + 2: i + 3] == "}":
            slot = tpl[i + 1]
            if slot not in names:
                names[slot] = name(rng, draw_style(rng, mix))
                while any(names[slot][0] == v[0] for k, v in names.items() if k != slot):
                    names[slot] = name(rng, draw_style(rng, mix))
            value, style = names[slot]
            if rng.random() < 0.05:  # an already anonymized mention stays unlabelled
                text += value[0] + rng.choice(["某", "某某", "某1", "某甲"])
            else:
                spans.append((len(text), len(text) + len(value), PERSON))
                styles.append(style)
                text += value
            i += 3
            continue
        text += tpl[i]
        i += 1
    return text, spans, styles


def _word_in_use(rng: random.Random):
    full, clause = rng.choice(_WORD_IN_USE)
    role = rng.choice(["被告人", "被害人", "证人", "", "原告"])
    tail = rng.choice(["，", "。", "；"])
    head = role + full
    if rng.random() < 0.5:
        text = f"{head}{rng.choice(['称', '供述', '证实', '陈述'])}，{clause}{tail}"
        return text, [(len(role), len(role) + len(full), PERSON)], ["wordlike"]
    text = f"{clause}，{head}{rng.choice(['遂离开', '在场', '随即报警', '未予理会'])}。"
    a = len(clause) + 1 + len(role)
    return text, [(a, a + len(full), PERSON)], ["wordlike"]
