"""Chinese administrative geography and residence addresses for synthetic judgments.

The hierarchy below (31 provincial units, ~150 prefecture units, ~450 counties/districts) is
written from general knowledge. Province and prefecture codes follow GB/T 2260; county codes
follow its convention (districts 01.., counties/banners 21.., county-level cities 81..) and
are exact only where given explicitly (``name=NN``). They make ID numbers and case numbers
look right; they are not an authoritative code table.

An address is split the way Art. 11 / Art. 10 of the 2016 publication rules split it: the
administrative part down to the county/district (kept) and the detail below it (deleted for
natural persons).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

# P <code> <name> <case-number abbreviation> <plate abbreviation>
# C <code> <name> <landline area code> <plate letter> | <county> <county=NN> ...
_REGIONS = """
P 11 北京市 京 京
C 1101 北京市 010 A | 东城区=01 西城区=02 朝阳区=05 丰台区=06 石景山区=07 海淀区=08 门头沟区=09 房山区=11 通州区=12 顺义区=13 昌平区=14 大兴区=15 怀柔区=16 平谷区=17 密云区=18 延庆区=19
P 12 天津市 津 津
C 1201 天津市 022 A | 和平区=01 河东区=02 河西区=03 南开区=04 河北区=05 红桥区=06 东丽区=10 西青区=11 津南区=12 北辰区=13 武清区=14 宝坻区=15 滨海新区=16 宁河区=17 静海区=18 蓟州区=19
P 13 河北省 冀 冀
C 1301 石家庄市 0311 A | 长安区 桥西区 新华区 裕华区 藁城区 鹿泉区 正定县 赵县 辛集市 晋州市
C 1302 唐山市 0315 B | 路南区 路北区 丰南区 丰润区 迁西县 遵化市 迁安市
C 1303 秦皇岛市 0335 C | 海港区 山海关区 北戴河区 昌黎县
C 1304 邯郸市 0310 D | 邯山区 丛台区 复兴区 涉县 武安市
C 1306 保定市 0312 F | 竞秀区 莲池区 满城区 涞水县 涿州市 定州市
C 1309 沧州市 0317 J | 新华区 运河区 献县 任丘市 黄骅市
C 1310 廊坊市 0316 R | 安次区 广阳区 固安县 霸州市 三河市
P 14 山西省 晋 晋
C 1401 太原市 0351 A | 小店区=05 迎泽区=06 杏花岭区=07 万柏林区=09 晋源区=10 清徐县 古交市
C 1402 大同市 0352 B | 平城区 云冈区 新荣区 阳高县
C 1404 长治市 0355 D | 潞州区 上党区 屯留区 襄垣县
C 1407 晋中市 0354 K | 榆次区 太谷区 平遥县 介休市
C 1408 运城市 0359 M | 盐湖区 临猗县 永济市 河津市
P 15 内蒙古自治区 内 蒙
C 1501 呼和浩特市 0471 A | 新城区 回民区 玉泉区 赛罕区 土默特左旗 托克托县
C 1502 包头市 0472 B | 东河区 昆都仑区 青山区 九原区 达尔罕茂明安联合旗
C 1504 赤峰市 0476 D | 红山区 松山区 克什克腾旗 宁城县 敖汉旗
C 1506 鄂尔多斯市 0477 K | 东胜区 康巴什区 达拉特旗 准格尔旗 伊金霍洛旗
C 1522 兴安盟 0482 F | 乌兰浩特市 阿尔山市 科尔沁右翼前旗
C 1525 锡林郭勒盟 0479 H | 二连浩特市 锡林浩特市 西乌珠穆沁旗 正蓝旗
C 1529 阿拉善盟 0483 M | 阿拉善左旗 阿拉善右旗 额济纳旗
P 21 辽宁省 辽 辽
C 2101 沈阳市 024 A | 和平区 沈河区 大东区 皇姑区 铁西区 浑南区 于洪区 法库县 新民市
C 2102 大连市 0411 B | 中山区 西岗区 沙河口区 甘井子区 金州区 瓦房店市 庄河市
C 2103 鞍山市 0412 C | 铁东区 铁西区 立山区 台安县 海城市
C 2106 丹东市 0415 F | 元宝区 振兴区 东港市 凤城市
C 2107 锦州市 0416 G | 古塔区 凌河区 黑山县 凌海市
P 22 吉林省 吉 吉
C 2201 长春市 0431 A | 南关区 宽城区 朝阳区 二道区 绿园区 双阳区 九台区 农安县 榆树市 德惠市
C 2202 吉林市 0432 B | 昌邑区 龙潭区 船营区 丰满区 蛟河市 桦甸市
C 2203 四平市 0434 C | 铁西区 铁东区 梨树县 双辽市
C 2224 延边朝鲜族自治州 0433 H | 延吉市 图们市 敦化市 珲春市 龙井市 汪清县 安图县
P 23 黑龙江省 黑 黑
C 2301 哈尔滨市 0451 A | 道里区 南岗区 道外区 平房区 松北区 香坊区 呼兰区 阿城区 宾县 尚志市 五常市
C 2302 齐齐哈尔市 0452 B | 龙沙区 建华区 铁锋区 龙江县 讷河市
C 2306 大庆市 0459 E | 萨尔图区 龙凤区 让胡路区 红岗区 大同区 肇州县 肇源县 杜尔伯特蒙古族自治县
C 2310 牡丹江市 0453 C | 东安区 阳明区 爱民区 西安区 海林市 宁安市
P 31 上海市 沪 沪
C 3101 上海市 021 A | 黄浦区=01 徐汇区=04 长宁区=05 静安区=06 普陀区=07 虹口区=09 杨浦区=10 闵行区=12 宝山区=13 嘉定区=14 浦东新区=15 金山区=16 松江区=17 青浦区=18 奉贤区=20 崇明区=51
P 32 江苏省 苏 苏
C 3201 南京市 025 A | 玄武区 秦淮区=04 建邺区=05 鼓楼区=06 浦口区=11 栖霞区=13 雨花台区=14 江宁区=15 六合区=16 溧水区=17 高淳区=18
C 3202 无锡市 0510 B | 锡山区=05 惠山区=06 滨湖区=11 梁溪区=13 新吴区=14 江阴市 宜兴市
C 3203 徐州市 0516 C | 鼓楼区 云龙区 贾汪区 泉山区 铜山区 丰县 沛县 睢宁县 新沂市 邳州市
C 3204 常州市 0519 D | 天宁区 钟楼区 新北区 武进区 金坛区 溧阳市
C 3205 苏州市 0512 E | 虎丘区=05 吴中区=06 相城区=07 姑苏区=08 吴江区=09 常熟市 张家港市 昆山市 太仓市
C 3206 南通市 0513 F | 崇川区 通州区 海门区 如东县 启东市 如皋市 海安市
C 3208 淮安市 0517 H | 淮安区 淮阴区 清江浦区 涟水县 盱眙县
C 3209 盐城市 0515 J | 亭湖区 盐都区 大丰区 响水县 阜宁县 东台市
C 3210 扬州市 0514 K | 广陵区 邗江区 江都区 宝应县 仪征市 高邮市
P 33 浙江省 浙 浙
C 3301 杭州市 0571 A | 上城区 拱墅区=05 西湖区=06 滨江区=08 萧山区=09 余杭区=10 富阳区=11 临安区=12 临平区=13 钱塘区=14 桐庐县 淳安县 建德市
C 3302 宁波市 0574 B | 海曙区=03 江北区=05 北仑区=06 镇海区=11 鄞州区=12 奉化区=13 象山县 宁海县 余姚市 慈溪市
C 3303 温州市 0577 C | 鹿城区 龙湾区 瓯海区 洞头区 永嘉县 平阳县 苍南县 瑞安市 乐清市
C 3304 嘉兴市 0573 F | 南湖区 秀洲区=11 嘉善县 海盐县 海宁市 平湖市 桐乡市
C 3306 绍兴市 0575 D | 越城区 柯桥区 上虞区 新昌县 诸暨市 嵊州市
C 3307 金华市 0579 G | 婺城区 金东区 武义县 浦江县 兰溪市 义乌市 东阳市 永康市
C 3310 台州市 0576 J | 椒江区 黄岩区 路桥区 三门县 天台县 温岭市 临海市 玉环市
P 34 安徽省 皖 皖
C 3401 合肥市 0551 A | 瑶海区 庐阳区 蜀山区 包河区=11 长丰县 肥东县 肥西县 庐江县 巢湖市
C 3402 芜湖市 0553 B | 镜湖区 弋江区 鸠江区 湾沚区 繁昌区 南陵县 无为市
C 3403 蚌埠市 0552 C | 龙子湖区 蚌山区 禹会区 淮上区 怀远县 五河县 固镇县
C 3404 淮南市 0554 D | 大通区 田家庵区 谢家集区 八公山区 潘集区 凤台县 寿县
C 3412 阜阳市 0558 K | 颍州区 颍东区 颍泉区 临泉县 太和县 阜南县 颍上县 界首市
C 3415 六安市 0564 N | 金安区 裕安区 叶集区 霍邱县 舒城县 金寨县 霍山县
P 35 福建省 闽 闽
C 3501 福州市 0591 A | 鼓楼区 台江区 仓山区 马尾区 晋安区 长乐区 闽侯县 连江县 福清市
C 3502 厦门市 0592 D | 思明区=03 海沧区=05 湖里区=06 集美区=11 同安区=12 翔安区=13
C 3505 泉州市 0595 C | 鲤城区 丰泽区 洛江区 泉港区 惠安县 安溪县 永春县 石狮市 晋江市 南安市
C 3506 漳州市 0596 E | 芗城区 龙文区 龙海区 长泰区 漳浦县 云霄县 诏安县
C 3508 龙岩市 0597 F | 新罗区 永定区 长汀县 上杭县 漳平市
P 36 江西省 赣 赣
C 3601 南昌市 0791 A | 东湖区 西湖区 青云谱区 青山湖区 新建区 红谷滩区 南昌县 安义县 进贤县
C 3604 九江市 0792 G | 濂溪区 浔阳区 柴桑区 武宁县 修水县 瑞昌市 共青城市
C 3607 赣州市 0797 B | 章贡区 南康区 赣县区 信丰县 大余县 于都县 兴国县 瑞金市
C 3609 宜春市 0795 C | 袁州区 奉新县 万载县 上高县 丰城市 樟树市 高安市
C 3611 上饶市 0793 E | 信州区 广丰区 广信区 铅山县 鄱阳县 婺源县 德兴市
P 37 山东省 鲁 鲁
C 3701 济南市 0531 A | 历下区 市中区 槐荫区 天桥区 历城区 长清区 章丘区 济阳区 莱芜区 平阴县 商河县
C 3702 青岛市 0532 B | 市南区 市北区 黄岛区=11 崂山区=12 李沧区=13 城阳区=14 即墨区=15 胶州市 平度市 莱西市
C 3703 淄博市 0533 C | 淄川区 张店区 博山区 临淄区 周村区 桓台县 高青县 沂源县
C 3706 烟台市 0535 F | 芝罘区 福山区 牟平区 莱山区 蓬莱区 龙口市 莱阳市 莱州市 招远市 栖霞市 海阳市
C 3707 潍坊市 0536 G | 潍城区 寒亭区 坊子区 奎文区 临朐县 昌乐县 青州市 诸城市 寿光市 安丘市 高密市
C 3708 济宁市 0537 H | 任城区 兖州区 微山县 鱼台县 金乡县 嘉祥县 汶上县 曲阜市 邹城市
C 3713 临沂市 0539 Q | 兰山区 罗庄区 河东区 沂南县 郯城县 沂水县 兰陵县 费县 平邑县 莒南县 临沭县
C 3714 德州市 0534 N | 德城区 陵城区 宁津县 庆云县 临邑县 齐河县 乐陵市 禹城市
P 41 河南省 豫 豫
C 4101 郑州市 0371 A | 中原区=02 二七区=03 管城回族区=04 金水区=05 上街区=06 惠济区=08 中牟县=22 巩义市=81 荥阳市=82 新密市=83 新郑市=84 登封市=85
C 4102 开封市 0371 B | 龙亭区 顺河回族区 鼓楼区 禹王台区 祥符区 杞县 通许县 尉氏县 兰考县
C 4103 洛阳市 0379 C | 老城区 西工区 瀍河回族区 涧西区 偃师区 孟津区 洛龙区 新安县 栾川县 嵩县 汝阳县 宜阳县 洛宁县 伊川县
C 4104 平顶山市 0375 D | 新华区 卫东区 石龙区 湛河区 宝丰县 叶县 鲁山县 郏县 舞钢市 汝州市
C 4105 安阳市 0372 E | 文峰区 北关区 殷都区 龙安区 安阳县 汤阴县 滑县 内黄县 林州市
C 4107 新乡市 0373 G | 红旗区 卫滨区 凤泉区 牧野区 新乡县 获嘉县 原阳县 延津县 封丘县 卫辉市 辉县市 长垣市
C 4108 焦作市 0391 H | 解放区 中站区 马村区 山阳区 修武县 博爱县 武陟县 温县 沁阳市 孟州市
C 4110 许昌市 0374 K | 魏都区 建安区 鄢陵县 襄城县 禹州市 长葛市
C 4113 南阳市 0377 R | 宛城区 卧龙区 南召县 方城县 西峡县 镇平县 内乡县 淅川县 社旗县 唐河县 新野县 桐柏县 邓州市
C 4114 商丘市 0370 N | 梁园区 睢阳区 民权县 睢县 宁陵县 柘城县 虞城县 夏邑县 永城市
C 4115 信阳市 0376 S | 浉河区 平桥区 罗山县 光山县 新县 商城县 固始县 潢川县 淮滨县 息县
C 4116 周口市 0394 P | 川汇区 淮阳区 扶沟县 西华县 商水县 沈丘县 郸城县 太康县 鹿邑县 项城市
C 4117 驻马店市 0396 Q | 驿城区 西平县 上蔡县 平舆县 正阳县 确山县 泌阳县 汝南县 遂平县 新蔡县
P 42 湖北省 鄂 鄂
C 4201 武汉市 027 A | 江岸区 江汉区 硚口区 汉阳区 武昌区 青山区 洪山区 东西湖区 汉南区 蔡甸区 江夏区 黄陂区 新洲区
C 4202 黄石市 0714 B | 黄石港区 西塞山区 下陆区 铁山区 阳新县 大冶市
C 4203 十堰市 0719 C | 茅箭区 张湾区 郧阳区 郧西县 竹山县 房县 丹江口市
C 4205 宜昌市 0717 E | 西陵区 伍家岗区 点军区 猇亭区 夷陵区 远安县 兴山县 秭归县 宜都市 当阳市 枝江市
C 4206 襄阳市 0710 F | 襄城区 樊城区 襄州区 南漳县 谷城县 保康县 老河口市 枣阳市 宜城市
C 4210 荆州市 0716 D | 沙市区 荆州区 公安县 江陵县 石首市 洪湖市 松滋市
C 4228 恩施土家族苗族自治州 0718 Q | 恩施市 利川市 建始县 巴东县 宣恩县 咸丰县 来凤县 鹤峰县
P 43 湖南省 湘 湘
C 4301 长沙市 0731 A | 芙蓉区 天心区 岳麓区 开福区 雨花区 望城区 长沙县 浏阳市 宁乡市
C 4302 株洲市 0731 B | 荷塘区 芦淞区 石峰区 天元区 渌口区 攸县 茶陵县 醴陵市
C 4303 湘潭市 0731 C | 雨湖区 岳塘区 湘潭县 湘乡市 韶山市
C 4304 衡阳市 0734 D | 珠晖区 雁峰区 石鼓区 蒸湘区 南岳区 衡阳县 衡南县 衡山县 耒阳市 常宁市
C 4306 岳阳市 0730 F | 岳阳楼区 云溪区 君山区 岳阳县 华容县 湘阴县 平江县 汨罗市 临湘市
C 4307 常德市 0736 J | 武陵区 鼎城区 安乡县 汉寿县 澧县 临澧县 桃源县 石门县 津市市
C 4331 湘西土家族苗族自治州 0743 U | 吉首市 泸溪县 凤凰县 花垣县 保靖县 古丈县 永顺县 龙山县
P 44 广东省 粤 粤
C 4401 广州市 020 A | 荔湾区=03 越秀区=04 海珠区=05 天河区=06 白云区=11 黄埔区=12 番禺区=13 花都区=14 南沙区=15 从化区=17 增城区=18
C 4403 深圳市 0755 B | 罗湖区=03 福田区=04 南山区=05 宝安区=06 龙岗区=07 盐田区=08 龙华区=09 坪山区=10 光明区=11
C 4404 珠海市 0756 C | 香洲区 斗门区 金湾区
C 4405 汕头市 0754 D | 龙湖区 金平区 濠江区 潮阳区 潮南区 澄海区 南澳县
C 4406 佛山市 0757 E | 禅城区=04 南海区=05 顺德区=06 三水区=07 高明区=08
C 4407 江门市 0750 J | 蓬江区 江海区 新会区 台山市 开平市 鹤山市 恩平市
C 4408 湛江市 0759 G | 赤坎区 霞山区 坡头区 麻章区 遂溪县 徐闻县 廉江市 雷州市 吴川市
C 4413 惠州市 0752 L | 惠城区 惠阳区 博罗县 惠东县 龙门县
P 45 广西壮族自治区 桂 桂
C 4501 南宁市 0771 A | 兴宁区 青秀区 江南区 西乡塘区 良庆区 邕宁区 武鸣区 隆安县 马山县 上林县 宾阳县 横州市
C 4502 柳州市 0772 B | 城中区 鱼峰区 柳南区 柳北区 柳江区 柳城县 鹿寨县 融安县 融水苗族自治县 三江侗族自治县
C 4503 桂林市 0773 C | 秀峰区 叠彩区 象山区 七星区 雁山区 临桂区 阳朔县 灵川县 全州县 兴安县 荔浦市
C 4505 北海市 0779 E | 海城区 银海区 铁山港区 合浦县
C 4512 河池市 0778 M | 金城江区 宜州区 南丹县 天峨县 凤山县 东兰县 罗城仫佬族自治县 环江毛南族自治县 巴马瑶族自治县 都安瑶族自治县 大化瑶族自治县
P 46 海南省 琼 琼
C 4601 海口市 0898 A | 秀英区 龙华区 琼山区 美兰区
C 4602 三亚市 0898 B | 海棠区 吉阳区 天涯区 崖州区
C 4690 省直辖县级行政区划 0898 D | 五指山市=01 琼海市=02 儋州市=03 文昌市=05 万宁市=06 东方市=07 定安县=21 屯昌县=22 澄迈县=23 临高县=24 陵水黎族自治县=34 保亭黎族苗族自治县=35 琼中黎族苗族自治县=36
P 50 重庆市 渝 渝
C 5001 重庆市 023 A | 万州区=01 涪陵区=02 渝中区=03 大渡口区=04 江北区=05 沙坪坝区=06 九龙坡区=07 南岸区=08 北碚区=09 綦江区=10 大足区=11 渝北区=12 巴南区=13 黔江区=14 长寿区=15 江津区=16 合川区=17 永川区=18 南川区=19 璧山区=20 铜梁区=51 潼南区=52 荣昌区=53 开州区=54 梁平区=55 武隆区=56 城口县=29 丰都县=30 垫江县=31 忠县=33 云阳县=35 奉节县=36 巫山县=37 巫溪县=38 石柱土家族自治县=40 秀山土家族苗族自治县=41 酉阳土家族苗族自治县=42 彭水苗族土家族自治县=43
P 51 四川省 川 川
C 5101 成都市 028 A | 锦江区=04 青羊区=05 金牛区=06 武侯区=07 成华区=08 龙泉驿区=12 青白江区=13 新都区=14 温江区=15 双流区=16 郫都区=17 新津区=18 金堂县=21 大邑县=29 蒲江县=31 都江堰市=81 彭州市=82 邛崃市=83 崇州市=84 简阳市=85
C 5103 自贡市 0813 C | 自流井区 贡井区 大安区 沿滩区 荣县 富顺县
C 5105 泸州市 0830 E | 江阳区 纳溪区 龙马潭区 泸县 合江县 叙永县 古蔺县
C 5106 德阳市 0838 F | 旌阳区 罗江区 中江县 广汉市 什邡市 绵竹市
C 5107 绵阳市 0816 B | 涪城区 游仙区 安州区 三台县 盐亭县 梓潼县 北川羌族自治县 平武县 江油市
C 5113 南充市 0817 R | 顺庆区 高坪区 嘉陵区 南部县 营山县 蓬安县 仪陇县 西充县 阆中市
C 5133 甘孜藏族自治州 0836 V | 康定市 泸定县 丹巴县 九龙县 雅江县 道孚县 炉霍县 甘孜县 新龙县 德格县 理塘县 巴塘县
C 5134 凉山彝族自治州 0834 W | 西昌市 会理市 木里藏族自治县 盐源县 德昌县 会东县 宁南县 普格县 布拖县 金阳县 昭觉县 喜德县 冕宁县 越西县 甘洛县 美姑县 雷波县
P 52 贵州省 黔 贵
C 5201 贵阳市 0851 A | 南明区 云岩区 花溪区 乌当区 白云区 观山湖区 开阳县 息烽县 修文县 清镇市
C 5203 遵义市 0851 C | 红花岗区 汇川区 播州区 桐梓县 绥阳县 正安县 凤冈县 湄潭县 余庆县 习水县 赤水市 仁怀市
C 5204 安顺市 0851 G | 西秀区 平坝区 普定县 镇宁布依族苗族自治县 关岭布依族苗族自治县 紫云苗族布依族自治县
C 5226 黔东南苗族侗族自治州 0855 H | 凯里市 黄平县 施秉县 三穗县 镇远县 岑巩县 天柱县 锦屏县 剑河县 台江县 黎平县 榕江县 从江县 雷山县
C 5227 黔南布依族苗族自治州 0854 J | 都匀市 福泉市 荔波县 贵定县 瓮安县 独山县 平塘县 罗甸县 长顺县 龙里县 惠水县 三都水族自治县
P 53 云南省 云 云
C 5301 昆明市 0871 A | 五华区 盘龙区 官渡区 西山区 东川区 呈贡区 晋宁区 富民县 宜良县 石林彝族自治县 嵩明县 禄劝彝族苗族自治县 寻甸回族彝族自治县 安宁市
C 5303 曲靖市 0874 D | 麒麟区 沾益区 马龙区 陆良县 师宗县 罗平县 富源县 会泽县 宣威市
C 5304 玉溪市 0877 F | 红塔区 江川区 澄江市 通海县 华宁县 易门县 峨山彝族自治县 新平彝族傣族自治县 元江哈尼族彝族傣族自治县
C 5329 大理白族自治州 0872 L | 大理市 漾濞彝族自治县 祥云县 宾川县 弥渡县 南涧彝族自治县 巍山彝族回族自治县 永平县 云龙县 洱源县 剑川县 鹤庆县
C 5328 西双版纳傣族自治州 0691 K | 景洪市 勐海县 勐腊县
C 5325 红河哈尼族彝族自治州 0873 G | 个旧市 开远市 蒙自市 弥勒市 屏边苗族自治县 建水县 石屏县 泸西县 元阳县 红河县 金平苗族瑶族傣族自治县 绿春县 河口瑶族自治县
P 54 西藏自治区 藏 藏
C 5401 拉萨市 0891 A | 城关区 堆龙德庆区 达孜区 林周县 当雄县 尼木县 曲水县 墨竹工卡县
C 5402 日喀则市 0892 D | 桑珠孜区 南木林县 江孜县 定日县 萨迦县 拉孜县 昂仁县 谢通门县 白朗县 仁布县
C 5404 林芝市 0894 G | 巴宜区 工布江达县 米林市 墨脱县 波密县 察隅县 朗县
C 5403 昌都市 0895 B | 卡若区 江达县 贡觉县 类乌齐县 丁青县 察雅县 八宿县 左贡县 芒康县 洛隆县 边坝县
P 61 陕西省 陕 陕
C 6101 西安市 029 A | 新城区 碑林区 莲湖区 灞桥区 未央区 雁塔区 阎良区 临潼区 长安区 高陵区 鄠邑区 蓝田县 周至县
C 6103 宝鸡市 0917 C | 渭滨区 金台区 陈仓区 凤翔区 岐山县 扶风县 眉县 陇县 千阳县 麟游县 凤县 太白县
C 6104 咸阳市 029 D | 秦都区 杨陵区 渭城区 三原县 泾阳县 乾县 礼泉县 永寿县 长武县 旬邑县 淳化县 武功县 兴平市 彬州市
C 6106 延安市 0911 J | 宝塔区 安塞区 延长县 延川县 志丹县 吴起县 甘泉县 富县 洛川县 宜川县 黄龙县 黄陵县 子长市
C 6108 榆林市 0912 K | 榆阳区 横山区 府谷县 靖边县 定边县 绥德县 米脂县 佳县 吴堡县 清涧县 子洲县 神木市
P 62 甘肃省 甘 甘
C 6201 兰州市 0931 A | 城关区 七里河区 西固区 安宁区 红古区 永登县 皋兰县 榆中县
C 6204 白银市 0943 D | 白银区 平川区 靖远县 会宁县 景泰县
C 6205 天水市 0938 E | 秦州区 麦积区 清水县 秦安县 甘谷县 武山县 张家川回族自治县
C 6207 张掖市 0936 G | 甘州区 肃南裕固族自治县 民乐县 临泽县 高台县 山丹县
C 6229 临夏回族自治州 0930 N | 临夏市 临夏县 康乐县 永靖县 广河县 和政县 东乡族自治县 积石山保安族东乡族撒拉族自治县
C 6230 甘南藏族自治州 0941 P | 合作市 临潭县 卓尼县 舟曲县 迭部县 玛曲县 碌曲县 夏河县
P 63 青海省 青 青
C 6301 西宁市 0971 A | 城东区 城中区 城西区 城北区 湟中区 大通回族土族自治县 湟源县
C 6302 海东市 0972 B | 乐都区 平安区 民和回族土族自治县 互助土族自治县 化隆回族自治县 循化撒拉族自治县
C 6325 海南藏族自治州 0974 E | 共和县 同德县 贵德县 兴海县 贵南县
C 6328 海西蒙古族藏族自治州 0977 H | 格尔木市 德令哈市 茫崖市 乌兰县 都兰县 天峻县
C 6327 玉树藏族自治州 0976 G | 玉树市 杂多县 称多县 治多县 囊谦县 曲麻莱县
P 64 宁夏回族自治区 宁 宁
C 6401 银川市 0951 A | 兴庆区 西夏区 金凤区 永宁县 贺兰县 灵武市
C 6402 石嘴山市 0952 B | 大武口区 惠农区 平罗县
C 6403 吴忠市 0953 C | 利通区 红寺堡区 盐池县 同心县 青铜峡市
C 6404 固原市 0954 D | 原州区 西吉县 隆德县 泾源县 彭阳县
P 65 新疆维吾尔自治区 新 新
C 6501 乌鲁木齐市 0991 A | 天山区 沙依巴克区 新市区 水磨沟区 头屯河区 达坂城区 米东区 乌鲁木齐县
C 6502 克拉玛依市 0990 J | 独山子区 克拉玛依区 白碱滩区 乌尔禾区
C 6521 吐鲁番市 0995 K | 高昌区 鄯善县 托克逊县
C 6529 阿克苏地区 0997 N | 阿克苏市 库车市 温宿县 沙雅县 新和县 拜城县 乌什县 阿瓦提县 柯坪县
C 6531 喀什地区 0998 Q | 喀什市 疏附县 疏勒县 英吉沙县 泽普县 莎车县 叶城县 麦盖提县 岳普湖县 伽师县 巴楚县 塔什库尔干塔吉克自治县
C 6532 和田地区 0903 R | 和田市 和田县 墨玉县 皮山县 洛浦县 策勒县 于田县 民丰县
C 6540 伊犁哈萨克自治州 0999 F | 伊宁市 奎屯市 霍尔果斯市 伊宁县 察布查尔锡伯自治县 霍城县 巩留县 新源县 昭苏县 特克斯县 尼勒克县
C 6523 昌吉回族自治州 0994 E | 昌吉市 阜康市 呼图壁县 玛纳斯县 奇台县 吉木萨尔县 木垒哈萨克自治县
C 6528 巴音郭楞蒙古自治州 0996 M | 库尔勒市 轮台县 尉犁县 若羌县 且末县 焉耆回族自治县 和静县 和硕县 博湖县
"""

# Cities whose county list is a single synthetic "street" entry (东莞, 中山 have no counties):
# they are kept for company domiciles but never chosen as a residence county.
_NO_COUNTY = {"4419", "4420"}


@dataclass(frozen=True)
class Province:
    code: str  # 2 digits
    name: str
    case_abbr: str  # 豫 in （2023）豫0102民初1号
    plate_abbr: str  # 豫 in 豫A12345

    @property
    def is_municipality(self) -> bool:
        return self.name in ("北京市", "天津市", "上海市", "重庆市")

    @property
    def is_autonomous_region(self) -> bool:
        return self.name.endswith("自治区")

    @property
    def short(self) -> str:
        """河南省 -> 河南, 内蒙古自治区 -> 内蒙古, 广西壮族自治区 -> 广西."""
        n = self.name
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if n.endswith(suffix):
                return n[: -len(suffix)]
        return n


@dataclass(frozen=True)
class City:
    code: str  # 4 digits
    name: str
    area_code: str
    plate_letter: str
    province: Province

    @property
    def short(self) -> str:
        """郑州市 -> 郑州; 延边朝鲜族自治州 -> 延边; 锡林郭勒盟 -> 锡林郭勒."""
        n = self.name
        for marker in ("朝鲜族", "土家族", "苗族", "彝族", "藏族", "白族", "傣族", "哈尼族", "布依族",
                       "回族", "蒙古族", "哈萨克", "蒙古自治州"):
            i = n.find(marker)
            if i > 0:
                return n[:i]
        for suffix in ("自治州", "地区", "盟", "市"):
            if n.endswith(suffix):
                return n[: -len(suffix)]
        return n

    @property
    def is_pseudo(self) -> bool:
        """The municipality's own 市辖区 level or Hainan's 省直辖 list: not printed in addresses."""
        return self.province.is_municipality or self.name == "省直辖县级行政区划"


@dataclass(frozen=True)
class County:
    code: str  # 6 digits (GB/T 2260 style)
    name: str
    city: City

    @property
    def province(self) -> Province:
        return self.city.province

    @property
    def is_district(self) -> bool:
        return self.name.endswith("区")

    @property
    def is_county_city(self) -> bool:
        return self.name.endswith("市")

    @property
    def is_banner(self) -> bool:
        return self.name.endswith("旗")

    @property
    def short(self) -> str:
        n = self.name
        if len(n) > 2 and n[-1] in "区县市旗":
            return n[:-1]
        return n

    def admin_prefix(self, with_province: bool = True) -> str:
        """The kept administrative part of an address, down to this county/district."""
        prov, city = self.province, self.city
        if city.is_pseudo:
            return (prov.name if with_province or prov.is_municipality else "") + self.name
        head = prov.name if with_province else ""
        if self.is_county_city and not city.name.endswith(("盟", "州", "地区")):
            # 河南省巩义市 rather than 河南省郑州市巩义市
            return head + self.name if with_province else city.name + self.name
        return head + city.name + self.name

    def basic_court(self) -> str:
        """The basic-level people's court whose area this county is."""
        return self._organ("人民法院")

    def procuratorate(self) -> str:
        return self._organ("人民检察院")

    def _organ(self, kind: str) -> str:
        prov, city = self.province, self.city
        if city.is_pseudo:
            return prov.name + self.name + kind
        if self.is_district:
            return prov.name + city.name + self.name + kind
        return prov.name + self.name + kind

    def court_code(self) -> str:
        """豫0102: the court-area code used in case numbers."""
        return self.province.case_abbr + self.code[2:]

    def police(self) -> str:
        prov, city = self.province, self.city
        if prov.is_municipality:
            if self.is_district:
                return f"{prov.name}公安局{self.short}分局"
            return f"{prov.name}{self.name}公安局"
        if city.is_pseudo or not self.is_district:
            return f"{self.name}公安局"
        return f"{city.name}公安局{self.short}分局"


def intermediate_court(city: City) -> str:
    prov = city.province
    if prov.is_municipality:
        return f"{prov.name}第一中级人民法院"
    if city.name == "省直辖县级行政区划":
        return f"{prov.name}第一中级人民法院"
    return f"{prov.name}{city.name}中级人民法院"


def intermediate_court_code(city: City) -> str:
    return city.province.case_abbr + city.code[2:4]


@dataclass
class Gazetteer:
    provinces: list[Province] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)
    # residence counties: real counties (not the 东莞/中山 placeholders)
    residence_counties: list[County] = field(default_factory=list)
    by_province: dict[str, list[County]] = field(default_factory=dict)
    by_city: dict[str, list[County]] = field(default_factory=dict)

    def county_by_name(self, name: str) -> list[County]:
        return [c for c in self.counties if c.name == name]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    prov: Province | None = None
    for raw in _REGIONS.strip().splitlines():
        parts = raw.split()
        if parts[0] == "P":
            prov = Province(parts[1], parts[2], parts[3], parts[4])
            g.provinces.append(prov)
            continue
        assert prov is not None
        head, _, tail = raw.partition("|")
        _, code, name, area, letter = head.split()
        city = City(code, name, area, letter, prov)
        g.cities.append(city)
        is_prefecture_region = name.endswith(("盟", "自治州", "地区")) or city.is_pseudo
        next_num = {"区": 2 if not prov.is_municipality else 1, "县": 21, "市": 1 if is_prefecture_region else 81}
        used: set[str] = set()
        for tok in tail.split():
            cname, _, explicit = tok.partition("=")
            if explicit:
                num = int(explicit)
            else:
                kind = "区" if cname.endswith("区") else ("市" if cname.endswith("市") else "县")
                num = next_num[kind]
                while f"{num:02d}" in used:
                    num += 1
                next_num[kind] = num + 1
            used.add(f"{num:02d}")
            county = County(code + f"{num:02d}", cname, city)
            g.counties.append(county)
            if code not in _NO_COUNTY:
                g.residence_counties.append(county)
                g.by_province.setdefault(prov.code, []).append(county)
                g.by_city.setdefault(code, []).append(county)
    return g


# ---------------------------------------------------------------- address pieces

_ROAD_STEMS = (
    "人民 解放 建设 中山 和平 文化 胜利 新华 工农 长江 黄河 花园 农业 东风 红旗 光明 幸福 朝阳 青年 友谊 "
    "健康 民主 团结 复兴 振兴 迎宾 滨河 滨江 学府 科技 育才 兴业 商城 纬五 经三 经八 纬二 金水 北环 南环 "
    "东环 西环 沿江 新村 体育 丰产 桐柏 嵩山 秦岭 太行 伏牛 中原 淮河 汉江 湘江 珠江 钱塘 松花江 天山 "
    "昆仑 长安 开元 永安 安宁 康宁 金桥 银杏 梧桐 枫林 桂花 石榴 牡丹 玉兰 文昌 武胜 金城 凤凰 龙华"
).split()
_ROAD_SUFFIX = ["路", "路", "路", "街", "大街", "大道", "巷", "东路", "西路", "南路", "北路", "中路"]
_ESTATE_STEMS = (
    "阳光 锦绣 翠苑 金色 华府 名门 紫荆 绿城 书香 怡景 康桥 水岸 盛世 丽景 御景 金地 碧水 春天 "
    "东方 国际 中央 泰和 嘉园 兴隆 和谐 幸福 温馨 枫叶 橄榄 香榭 世纪 新城 铂悦 鑫苑 正弘 建业 海棠 "
    "桃源 聚龙 滨湖 锦江 天悦 云顶 金域 万和 凯旋 明珠"
).split()
_ESTATE_SUFFIX = ["小区", "花园", "家园", "苑", "公寓", "新村", "城", "府", "名苑", "雅居", "华庭"]
_TOWN_STEMS = (
    "城关 新店 龙王 白沙 黄店 石桥 杨庄 刘集 马集 大营 高村 官庄 柳林 古城 双桥 青山 长岭 河口 "
    "桥头 新兴 红星 东升 永丰 太平 安乐 清河 桃园 王庄 李集 仁和 兴隆 金山 梅林 黄泥 三合 五里"
).split()
_VILLAGE_STEMS = (
    "张庄 李营 王楼 刘湾 陈岗 杨屯 赵寨 周庄 吴店 孙洼 马庄 朱楼 胡庄 郭寨 何湾 高庄 林场 罗湾 "
    "前进 红旗 东风 新建 和平 大王 小李 后湾 前营 西坡 北岗 南寨 东沟 上河 下河 柳树 杏花 桃花 "
    "槐树 枣林 石门 白果 黄土 青龙 金鸡 凤鸣"
).split()
_GACHA_STEMS = "巴彦 乌兰 宝力 阿日 额尔 查干 哈达 苏力 那仁 呼和 沙日 敖包".split()
_GROUP_NUMS = "一 二 三 四 五 六 七 八 九 十 十一 十二".split()


def road_name(rng: random.Random) -> str:
    return rng.choice(_ROAD_STEMS) + rng.choice(_ROAD_SUFFIX)


def estate_name(rng: random.Random) -> str:
    return rng.choice(_ESTATE_STEMS) + rng.choice(_ESTATE_SUFFIX)


def town_name(rng: random.Random, county: County) -> str:
    stem = rng.choice(_TOWN_STEMS)
    if county.is_banner:
        return stem + rng.choice(["镇", "苏木"])
    return stem + rng.choice(["镇", "镇", "乡", "街道"])


def village_name(rng: random.Random, county: County) -> str:
    if county.is_banner:
        return rng.choice(_GACHA_STEMS) + rng.choice(["嘎查", "村"])
    return rng.choice(_VILLAGE_STEMS) + rng.choice(["村", "村", "村委会"])


@dataclass(frozen=True)
class Address:
    full: str
    admin_part: str  # province/city/county: kept (Art. 11(1))
    detail_part: str  # below county/district: deleted for natural persons (Art. 10(1))
    county: County
    urban: bool


def urban_detail(rng: random.Random) -> str:
    road = road_name(rng)
    no = rng.randint(1, 399)
    style = rng.random()
    if style < 0.35:
        return f"{road}{no}号院{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 33)}{rng.randint(1, 4):02d}室"
    if style < 0.6:
        return f"{road}{no}号{estate_name(rng)}{rng.randint(1, 40)}栋{rng.randint(1, 4)}单元{rng.randint(1, 30)}{rng.randint(1, 6):02d}室"
    if style < 0.75:
        return f"{road}{no}号{rng.randint(1, 20)}幢{rng.randint(1, 18)}0{rng.randint(1, 4)}室"
    if style < 0.88:
        return f"{estate_name(rng)}{rng.randint(1, 25)}号楼{rng.randint(1, 3)}门{rng.randint(1, 6)}0{rng.randint(1, 3)}号"
    return f"{road}{no}号"


def rural_detail(rng: random.Random, county: County) -> str:
    town = town_name(rng, county)
    village = village_name(rng, county)
    style = rng.random()
    if style < 0.5:
        return f"{town}{village}{rng.choice(_GROUP_NUMS)}组"
    if style < 0.8:
        return f"{town}{village}{rng.randint(1, 199)}号"
    return f"{town}{village}"


def random_county(rng: random.Random, province_code: str | None = None) -> County:
    g = gazetteer()
    if province_code and province_code in g.by_province:
        return rng.choice(g.by_province[province_code])
    return rng.choice(g.residence_counties)


def county_near(rng: random.Random, county: County, same_city: float = 0.75) -> County:
    """Another county, usually in the same prefecture (parties tend to live near the court)."""
    g = gazetteer()
    if rng.random() < same_city:
        pool = g.by_city.get(county.city.code)
        if pool:
            return rng.choice(pool)
    if rng.random() < 0.8:
        return rng.choice(g.by_province[county.province.code])
    return rng.choice(g.residence_counties)


def residence(rng: random.Random, county: County, *, with_province: bool | None = None,
              urban: bool | None = None) -> Address:
    """A natural person's home address in ``county``."""
    if with_province is None:
        with_province = rng.random() < 0.8
    if urban is None:
        urban = county.is_district and rng.random() < 0.85 or (not county.is_district and rng.random() < 0.3)
    admin = county.admin_prefix(with_province)
    detail = urban_detail(rng) if urban else rural_detail(rng, county)
    return Address(admin + detail, admin, detail, county, urban)


def business_address(rng: random.Random, county: County) -> Address:
    """An organisation's domicile (kept whole under Art. 11(1))."""
    admin = county.admin_prefix(rng.random() < 0.6)
    road = road_name(rng)
    style = rng.random()
    if style < 0.4:
        detail = f"{road}{rng.randint(1, 300)}号{rng.choice(['国际', '财富', '金融', '商务', '科技'])}{rng.choice(['大厦', '中心', '广场'])}{rng.randint(1, 30)}{rng.randint(1, 20):02d}室"
    elif style < 0.7:
        detail = f"{road}{rng.randint(1, 300)}号"
    else:
        detail = f"{rng.choice(['经济技术开发区', '高新技术产业开发区', '工业园区'])}{road}{rng.randint(1, 120)}号"
    return Address(admin + detail, admin, detail, county, True)


def scene_location(rng: random.Random, county: County) -> str:
    """Where an event happened (a shop, a crossing): not anyone's home address."""
    admin = county.admin_prefix(False)
    r1, r2 = road_name(rng), road_name(rng)
    style = rng.random()
    if style < 0.35:
        return f"{admin}{r1}与{r2}交叉口"
    if style < 0.65:
        return f"{admin}{r1}{rng.choice(['一家超市', '一家便利店', '农贸市场', '公交站台', '一家网吧', '一家饭店'])}"
    return f"{admin}{r1}{rng.choice(['东段', '西段', '南段', '北段'])}{rng.choice(['', '路口', '人行道'])}"
