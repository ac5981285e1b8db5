"""One civil judgment with every kind of item a reviewer meets (a party's ID number and phone,
an agent, a company with its credit code and legal representative, a witness, a trade-secret
formula, the court's staff), and a court's profile that queues phone numbers for review.
Shared by the review, review-page, API and command-line tests."""

from __future__ import annotations

ID = "110101198503121236"
PHONE = "13812345678"
JUDGMENT = """北京市海淀区人民法院
民事判决书
（2023）京0108民初1234号
原告：曹兰，女，1985年3月12日出生，汉族，住北京市海淀区中关村大街1号院3号楼502室，公民身份号码110101198503121236。
委托诉讼代理人：王芳，北京市君合律师事务所律师。
被告：北京星光科技有限公司，住所地北京市朝阳区建国路1号，统一社会信用代码91110105MA01ABCD1X。
法定代表人：赵建国，该公司总经理。
原告曹兰与被告北京星光科技有限公司买卖合同纠纷一案，本院于2023年1月5日立案后，依法公开开庭进行了审理。证人曹丽出庭作证。
经审理查明：2021年3月，被告向曹兰采购“青霜7号”清洗剂的配方，曹兰的联系电话为13812345678。证人曹丽证实，“青霜
7号”配方由曹兰研制。
判决如下：被告北京星光科技有限公司于本判决生效之日起十日内向原告曹兰支付货款100000元。
审 判 长　钱多多
二〇二三年五月六日
书 记 员　孙丽"""
# A court's profile that queues phone numbers for a reviewer (Art. 16): the review queue.
REVIEW_POLICY = """extends: strict
profile: strict-review-phones
categories:
  PHONE: {action: review, article: "法发〔2018〕20号 第十六条"}
"""
