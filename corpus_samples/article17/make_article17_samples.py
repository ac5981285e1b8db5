"""Regenerate the Art. 17 samples in corpus_samples/article17/ (same bytes every run).

    python corpus_samples/article17/make_article17_samples.py          # rewrite in place
    python corpus_samples/article17/make_article17_samples.py OUT_DIR  # or anywhere else

Every name, number and place is made up. What each sample must come out as is in
expected.json (status, reason, strings that must be gone, strings that must stay); the deny
lists a clerk hands in sit next to their documents as NAME.denylist.txt, where `redact run`
finds them (and never takes them for judgments).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

STATE_SECRET_HEADER = [
    "北京市第二中级人民法院",
    "刑事判决书",
    "（2022）京02刑初88号",
    "公诉机关北京市人民检察院第二分院。",
    "被告人韩立峰，男，1979年8月2日出生，汉族，住北京市丰台区。",
    "辩护人周文清，北京市正衡律师事务所律师。",
    "北京市人民检察院第二分院以京二分检刑诉〔2022〕51号起诉书指控被告人韩立峰犯为境外非法提供情报罪，于2022年3月4日向本院提起公诉。本院依法组成合议庭，不公开开庭审理了本案。",
    "经审理查明：2019年至2021年间，被告人韩立峰多次将其工作中知悉的情报通过网络发送给境外人员，收取报酬共计人民币8万元。",
    "本院认为，被告人韩立峰为境外非法提供情报，其行为已构成为境外非法提供情报罪。",
    "判决如下：被告人韩立峰犯为境外非法提供情报罪，判处有期徒刑六年。",
    "审 判 长　孟庆和",
    "审 判 员　邵敏",
    "二〇二二年九月十六日",
    "书 记 员　许晨",
]

STATE_SECRET_METADATA = [
    "上海市第一中级人民法院",
    "刑事裁定书",
    "（2023）沪01刑终301号",
    "原公诉机关上海市人民检察院第一分院。",
    "上诉人（原审被告人）雷志远，男，1984年1月9日出生，汉族，住上海市闵行区。",
    "上海市人民检察院第一分院指控原审被告人雷志远犯非法获取军事秘密罪一案，",
    "上海市第一中级人民法院于2023年2月8日作出一审判决。原审被告人雷志远不服，提出上诉。",
    "本院依法组成合议庭，经过阅卷，讯问上诉人，认为事实清楚，决定不开庭审理。",
    "本院认为，原判认定事实清楚，证据确实、充分，量刑适当，审判程序合法。",
    "裁定如下：驳回上诉，维持原判。本裁定为终审裁定。",
    "审 判 长　葛晓东",
    "审 判 员　柯丽",
    "二〇二三年六月二十日",
    "书 记 员　滕宇",
]

NEGATIVE_THEFT = [
    "浙江省杭州市西湖区人民法院",
    "刑事判决书",
    "（2023）浙0106刑初712号",
    "公诉机关杭州市西湖区人民检察院。",
    "被告人邬志刚，男，1991年11月3日出生，汉族，住浙江省桐庐县。",
    "杭州市西湖区人民检察院指控被告人邬志刚犯盗窃罪，于2023年7月10日向本院提起公诉。本院依法适用简易程序，公开开庭审理了本案。本案不涉及国家秘密、商业秘密和个人隐私。",
    "经审理查明：2023年5月，被告人邬志刚以秘密窃取的方式，在杭州市西湖区某商场内窃取他人手机两部，价值人民币6500元。公司内部资料显示，该商场监控系统运行正常。",
    "经合议庭评议，本院认为，被告人邬志刚以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。对于辩护人提出的不同意见，本院不予采纳。",
    "本案经本院审判委员会讨论决定，依照《中华人民共和国刑法》第二百六十四条之规定，判决如下：",
    "被告人邬志刚犯盗窃罪，判处有期徒刑八个月，并处罚金人民币三千元。",
    "审 判 长　阮思远",
    "人民陪审员　戴玉梅",
    "人民陪审员　韦建华",
    "二〇二三年八月二日",
    "书 记 员　骆晴",
]

DELIBERATION = [
    "江苏省南京市玄武区人民法院",
    "刑事判决书",
    "（2023）苏0102刑初233号",
    "公诉机关南京市玄武区人民检察院。",
    "被告人符海涛，男，1975年6月21日出生，汉族，住南京市玄武区。",
    "经审理查明：2022年12月3日，被告人符海涛与被害人发生争执，持木棍击打被害人头部，致其轻伤二级。被害人平素患有高血压。",
    "合议庭评议意见",
    "多数意见认为，被告人的行为构成故意伤害罪，应判处有期徒刑一年。",
    "少数意见认为，被告人有自首情节，可以适用缓刑。",
    "本院认为，被告人符海涛故意伤害他人身体，致人轻伤，其行为已构成故意伤害罪。审判委员会讨论意见：同意多数意见。",
    "判决如下：被告人符海涛犯故意伤害罪，判处有期徒刑一年。",
    "审 判 长　邱立群",
    "审 判 员　穆红",
    "二〇二三年四月十一日",
    "书 记 员　龚月",
]

TECH_INVESTIGATION = [
    "广东省深圳市中级人民法院",
    "刑事判决书",
    "（2023）粤03刑初145号",
    "公诉机关深圳市人民检察院。",
    "被告人柴永辉，男，1986年2月14日出生，汉族，住深圳市宝安区。",
    "经审理查明：2022年8月，被告人柴永辉多次向他人贩卖甲基苯丙胺共计",
    "350克。公安机关经批准对被告人柴永辉采取技术侦查措施（批准文号：深公技侦字",
    "〔2022〕207号），并通过电话监听掌握其交易时间，后实施控制下交付，将其抓获。",
    "辩护人提出监听录音不应作为证据使用。经查，侦查机关依照刑事诉讼法第一百五",
    "十条规定的技术侦查措施报经批准，本院对辩护意见不予采纳。",
    "本院认为，被告人柴永辉贩卖毒品，其行为已构成贩卖毒品罪。",
    "判决如下：被告人柴永辉犯贩卖毒品罪，判处有期徒刑十五年。",
    "审 判 长　蔡国栋",
    "审 判 员　庞敏",
    "二〇二三年十月九日",
    "书 记 员　简丹",
]

TRADE_SECRET_REVIEW = [
    "山东省青岛市中级人民法院",
    "民事判决书",
    "（2023）鲁02知民初61号",
    "原告：青岛海曜新材料有限公司，住所地山东省青岛市黄岛区。",
    "法定代表人：樊建业，该公司董事长。",
    "被告：青岛恒锐涂料有限公司，住所地山东省青岛市城阳区。",
    "法定代表人：岑国伟，该公司总经理。",
    "原告青岛海曜新材料有限公司与被告青岛恒锐涂料有限公司侵害技术秘密纠纷一案，本院公开开庭进行了审理。",
    "原告主张的秘密点如下：",
    "1.防腐涂料配方：环氧树脂42%、磷酸锌15.5%、云母粉8%、固化剂6%；",
    "2.生产工艺：研磨温度控制在45℃，分散转速1800r/min，熟化时间36小时。",
    "原告对上述技术信息采取了保密措施，与员工签订了保密协议。",
    "本院认为，原告主张的技术信息不为公众所知悉，具有商业价值，构成技术秘密。",
    "判决如下：被告青岛恒锐涂料有限公司立即停止侵害原告青岛海曜新材料有限公司的技术秘密。",
    "审 判 长　雷鸣",
    "审 判 员　尹晓燕",
    "二〇二三年十一月三日",
    "书 记 员　谢婷",
]

# (text, bold) pieces: the deny-list terms are split over runs as a word processor does.
TRADE_SECRET_DENYLIST_RUNS = [
    [("福建省厦门市思明区人民法院", False)],
    [("民事判决书", False)],
    [("（2023）闽0203民初1502号", False)],
    [("原告：厦门澜舟贸易有限公司，住所地福建省厦门市思明区。", False)],
    [("法定代表人：殷晓峰，该公司执行董事。", False)],
    [("被告：郝明辉，男，1988年4月17日出生，汉族，住福建省厦门市湖里区。", False)],
    [("原告厦门澜舟贸易有限公司与被告郝明辉侵害经营秘密纠纷一案，本院公开开庭进行了审理。", False)],
    [("经审理查明：被告原系原告销售经理，负责", False), ("蓝鲸", False), ("计划", True), ("项目及与", False), ("瑞丰", False), ("食品", True), ("的业务。离职后，被告将", False),
     ("蓝", False), ("鲸计划", False), ("的报价资料带至新单位使用。", False)],
    [("原告与被告签订的保密协议约定，被告对", False), ("瑞丰食品", False), ("的交易习惯负有保密义务。", False)],
    [("本院认为，被告违反保密义务，使用原告的经营秘密，应当承担赔偿责任。", False)],
    [("判决如下：被告郝明辉于本判决生效之日起十日内赔偿原告厦门澜舟贸易有限公司经济损失人民币200000元。", False)],
    [("审 判 长　池晓东", False)],
    [("审 判 员　骆思敏", False)],
    [("二〇二三年十二月一日", False)],
    [("书 记 员　伍佳", False)],
]
TRADE_SECRET_DENYLIST_TERMS = ["# 侵害经营秘密纠纷：书记员提交的商业秘密词表", "蓝鲸计划", "瑞丰食品"]

# A PDF whose deny-list term breaks over a line (and one whose lines are wrapped as-is).
TRADE_SECRET_DENYLIST_PDF = [
    "天津市第三中级人民法院",
    "民事判决书",
    "（2023）津03知民初27号",
    "原告：天津华岳精密机械有限公司，住所地天津市东丽区。",
    "法定代表人：庄德明，该公司总经理。",
    "被告：天津远拓机电有限公司，住所地天津市西青区。",
    "法定代表人：钟志强，该公司经理。",
    "经审理查明：原告研制的精密主轴采用其内部代号为HX-2000的加工方案，被告通过原告前员工获取并使用了HX-",
    "2000加工方案。被告生产的主轴亦标注“灵犀主",
    "轴”字样，与原告内部称谓灵犀主轴一致。原告对相关技术采取了保密措施。",
    "本院认为，被告不正当获取并使用原告技术秘密，应承担侵权责任。",
    "判决如下：被告天津远拓机电有限公司停止侵害原告天津华岳精密机械有限公司的技术秘密。",
    "审 判 长　贾文涛",
    "审 判 员　邢珊",
    "二〇二四年一月八日",
    "书 记 员　冉悦",
]
TRADE_SECRET_DENYLIST_PDF_TERMS = ["HX-2000", "灵犀主轴"]

HEALTH_PRIVACY = [
    "四川省成都市锦江区人民法院",
    "民事判决书",
    "（2023）川0104民初3310号",
    "原告：宋雨桐，女，1992年7月5日出生，汉族，住四川省成都市锦江区。",
    "被告：詹立明，男，1990年3月18日出生，汉族，住四川省成都市武侯区。",
    "原告宋雨桐与被告詹立明隐私权纠纷一案，本院于2023年5月6日立案后，依法适用简易程序，公开开庭进行了审理。",
    "原告诉称：被告在有三百余人的微信群中发布原告患有抑郁症、系HIV感染者的信息，并称原告曾人工流产，侵害了原告的隐私权。",
    "经审理查明：被告于2023年3月在微信群中发布了原告的病历照片，照片显示原告被诊断为抑郁症。",
    "本院认为，自然人的健康状况属于个人隐私，被告未经原告同意公开原告的健康信息，构成对原告隐私权的侵害。",
    "判决如下：被告詹立明于本判决生效之日起十日内向原告宋雨桐赔礼道歉，并赔偿精神损害抚慰金人民币5000元。",
    "审 判 员　贺秋实",
    "二〇二三年七月二十日",
    "书 记 员　颜琳",
]


def _docx_bytes(paragraphs, header: str | None = None, properties: dict | None = None) -> bytes:
    from docx import Document as DocxDocument
    import datetime as dt

    d = DocxDocument()
    for para in paragraphs:
        p = d.add_paragraph()
        for text, bold in (para if isinstance(para, list) else [(para, False)]):
            r = p.add_run(text)
            r.bold = bool(bold)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    cp = d.core_properties
    cp.author = "书记员工作站"
    cp.created = cp.modified = dt.datetime(2024, 1, 1)
    cp.last_modified_by = "书记员工作站"
    cp.revision = 1
    for k, v in (properties or {}).items():
        setattr(cp, k, v)
    buf = io.BytesIO()
    d.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Fixed timestamps and order, so the same content is the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def _pdf_bytes(lines, info: dict | None = None) -> bytes:
    """Each given line is one printed line (wrapping is the caller's: a term may break)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setAuthor("书记员工作站")
    for key, value in (info or {}).items():
        getattr(c, f"set{key}")(value)
    c.setFont("STSong-Light", 10.5)
    y = A4[1] - 60
    for line in lines:
        if y < 60:
            c.showPage()
            c.setFont("STSong-Light", 10.5)
            y = A4[1] - 60
        c.drawString(50, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap(lines, width: int = 44):
    out = []
    for ln in lines:
        while len(ln) > width:
            out.append(ln[:width])
            ln = ln[width:]
        out.append(ln)
    return out


def make(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "state_secret_header.docx": _docx_bytes(STATE_SECRET_HEADER, header="机密★10年"),
        "state_secret_metadata.pdf": _pdf_bytes(_wrap(STATE_SECRET_METADATA), info={"Title": "刑事裁定书", "Subject": "秘密★5年", "Keywords": "内部资料 注意保存"}),
        "negative_ordinary_mentions.txt": ("\n".join(NEGATIVE_THEFT) + "\n").encode("utf-8"),
        "deliberation_record.txt": ("\n".join(DELIBERATION) + "\n").encode("utf-8"),
        "tech_investigation.pdf": _pdf_bytes(TECH_INVESTIGATION),
        "trade_secret_review.docx": _docx_bytes(TRADE_SECRET_REVIEW),
        "trade_secret_denylist.docx": _docx_bytes(TRADE_SECRET_DENYLIST_RUNS),
        "trade_secret_denylist_pdf.pdf": _pdf_bytes(TRADE_SECRET_DENYLIST_PDF),
        "health_privacy.txt": ("\n".join(HEALTH_PRIVACY) + "\n").encode("utf-8"),
        "trade_secret_denylist.denylist.txt": ("\n".join(TRADE_SECRET_DENYLIST_TERMS) + "\n").encode("utf-8"),
        "trade_secret_denylist_pdf.denylist.txt": ("\n".join(TRADE_SECRET_DENYLIST_PDF_TERMS) + "\n").encode("utf-8"),
    }
    written = []
    for name, data in files.items():
        p = out / name
        p.write_bytes(data)
        written.append(p)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for p in make(target):
        print(p)
