"""Identifiers with valid check digits, and organisation names, for synthetic judgments.

Validators (``id_check_char``, ``uscc_check_char``, ``luhn_ok``...) are exported so tests and
benchmarks can confirm the generator emits well-formed values.
"""

from __future__ import annotations

import random
from datetime import date

from redactor_synth.places import City, County, Province

# ------------------------------------------------------------------ resident ID (GB 11643-1999)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    s = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[s % 11]


def id_valid(value: str) -> bool:
    return len(value) == 18 and value[:17].isdigit() and id_check_char(value[:17]) == value[17].upper()


def resident_id(rng: random.Random, county_code: str, birth: date, sex: str) -> str:
    """18-digit citizen ID: region, birth date, sequence (odd = male), mod-11 check char."""
    seq = rng.randint(0, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if sex == "男" else (0, 2, 4, 6, 8))
    body = f"{county_code}{birth:%Y%m%d}{seq:03d}"
    return body + id_check_char(body)


def legacy_id(rng: random.Random, county_code: str, birth: date, sex: str) -> str:
    """15-digit first-generation ID (no check digit; two-digit year)."""
    seq = rng.randint(0, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if sex == "男" else (0, 2, 4, 6, 8))
    return f"{county_code}{birth:%y%m%d}{seq:03d}"


# ------------------------------------------------------------------ phones

_MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
).split()


def mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"


def format_mobile(rng: random.Random, number: str) -> str:
    r = rng.random()
    if r < 0.85:
        return number
    if r < 0.95:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    return f"{number[:3]} {number[3:7]} {number[7:]}"


def landline(rng: random.Random, area_code: str) -> str:
    digits = 8 if len(area_code) == 3 or area_code in ("0371", "0311", "0531", "0571", "0551", "0591", "0731", "0851", "0871", "0898") else 7
    local = str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
    return f"{area_code}-{local}" if rng.random() < 0.8 else f"（{area_code}）{local}"


# ------------------------------------------------------------------ bank accounts (Luhn)

BANKS = {
    # bank name: issuer prefixes (debit-card BINs)
    "中国工商银行": ("622202", "621226", "621558", "622208"),
    "中国农业银行": ("622848", "622845", "621282", "622823"),
    "中国银行": ("621661", "621785", "621660", "601382"),
    "中国建设银行": ("621700", "622700", "621284", "436742"),
    "交通银行": ("622262", "622260", "601428"),
    "招商银行": ("621483", "622588", "622609", "621286"),
    "中国邮政储蓄银行": ("621799", "622188", "621098"),
    "中国民生银行": ("622622", "621691"),
    "兴业银行": ("622908", "622909"),
    "上海浦东发展银行": ("622521", "621792"),
    "农村商业银行": ("623059", "621977"),
}


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = number.replace(" ", "")
    return digits.isdigit() and luhn_check_digit(digits[:-1]) == digits[-1]


def bank_account(rng: random.Random, bank: str | None = None) -> tuple[str, str]:
    """(bank name, Luhn-valid account number of 16-19 digits)."""
    bank = bank or rng.choice(list(BANKS))
    prefix = rng.choice(BANKS[bank])
    length = rng.choice((16, 19, 19, 19, 18, 17))
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    return bank, body + luhn_check_digit(body)


def format_account(rng: random.Random, number: str) -> str:
    if rng.random() < 0.1:
        return " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    return number


# ------------------------------------------------------------------ plates

_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O
_PLATE_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def plate(rng: random.Random, city: City, new_energy: bool | None = None) -> str:
    head = city.province.plate_abbr + city.plate_letter
    if new_energy is None:
        new_energy = rng.random() < 0.2
    if new_energy:
        if rng.random() < 0.8:  # small vehicle: D (pure electric) / F (hybrid) + 5
            return head + rng.choice("DF") + rng.choice(_PLATE_ALNUM) + f"{rng.randint(0, 9999):04d}"
        return head + f"{rng.randint(0, 99999):05d}" + rng.choice("DF")  # large vehicle
    tail = [rng.choice(_PLATE_ALNUM) for _ in range(5)]
    tail[-1] = str(rng.randint(0, 9))  # the last position is almost always a digit
    if rng.random() < 0.5:
        tail[0] = str(rng.randint(0, 9))
    return head + "".join(tail)


# ------------------------------------------------------------------ property certificates


def property_cert(rng: random.Random, county: County, year: int) -> str:
    """不动产权证 (2016 on) or older 房屋所有权证 number."""
    prov = county.province
    if county.is_county_city or county.city.is_pseudo:
        place = county.name
    else:
        place = county.city.name
    if year >= 2016 and rng.random() < 0.75:
        return f"{prov.case_abbr}（{year}）{place}不动产权第{rng.randint(1, 9999999):07d}号"
    return f"{place[:-1] if len(place) > 2 else place}房权证{county.short}字第{rng.randint(10000000, 99999999)}号"


# ------------------------------------------------------------------ USCC (GB 32100-2015)

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(first17: str) -> str:
    s = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - s % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """GB 11714 organisation-code check char (letters count 10..35)."""
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, _ORG_WEIGHTS))
    r = 11 - s % 11
    return "0" if r == 11 else ("X" if r == 10 else str(r))


def uscc_valid(value: str) -> bool:
    if len(value) != 18 or any(c not in _USCC_ALPHABET for c in value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def uscc(rng: random.Random, county_code: str, org_type: str = "91") -> str:
    """Unified social credit code: dept+type, region, organisation code (with its own check), check char."""
    body8 = "".join(rng.choice("0123456789" if i < 2 or rng.random() < 0.8 else "ABCDEFGHJKLMNPQRTUWXY")
                    for i in range(8))
    org = body8 + org_code_check_char(body8)
    first17 = org_type + county_code + org
    return first17 + uscc_check_char(first17)


# ------------------------------------------------------------------ other numbers


def passport(rng: random.Random, nationality: str) -> str:
    if nationality == "中华人民共和国":
        return rng.choice("EG") + f"{rng.randint(10000000, 99999999)}"
    if nationality in ("美利坚合众国", "意大利共和国"):
        return f"{rng.randint(100000000, 999999999)}"
    return rng.choice("CKLMNPR") + f"{rng.randint(1000000, 9999999)}" + rng.choice("0123456789")


def email(rng: random.Random) -> str:
    user = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 8)))
    if rng.random() < 0.6:
        user += str(rng.randint(1, 2005))
    domain = rng.choice(["163.com", "126.com", "qq.com", "sina.com", "hotmail.com", "foxmail.com", "sohu.com"])
    if domain == "qq.com" and rng.random() < 0.7:
        user = str(rng.randint(10000, 3999999999))
    return f"{user}@{domain}"


# ------------------------------------------------------------------ organisations

_TRADE = (
    "恒达 鑫源 宏图 华盛 金鼎 瑞丰 天成 博远 中联 永泰 新锐 嘉禾 汇通 盛世 德润 明辉 启航 佳联 "
    "正通 合众 远洋 顺发 鼎盛 诚信 兴旺 万通 东方红 安泰 聚丰 宏远 凯瑞 泰康 华宇 金鹏 昌盛 鸿运 "
    "润泽 长兴 方圆 锦程 弘毅 信达 华信 坤元 乾通 卓越 创新 时代 蓝海 沃土 晨光 海纳"
).split()
_INDUSTRY = (
    "科技 商贸 建筑工程 房地产开发 物流 餐饮管理 机械设备 建材 电子科技 农业开发 汽车销售 "
    "文化传媒 信息技术 医药 服装 食品 置业 物业服务 劳务 装饰工程 钢结构 化工 电力工程 环保科技"
).split()


def company(rng: random.Random, county: County) -> tuple[str, str]:
    """(full name, short name used after 以下简称)."""
    trade = rng.choice(_TRADE)
    industry = rng.choice(_INDUSTRY)
    if county.city.is_pseudo or rng.random() < 0.3:
        place = county.province.short
    else:
        place = county.city.short
    suffix = rng.choice(["有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"])
    if rng.random() < 0.15:  # trade name after the place and district: 郑州市金水区恒达商贸有限公司
        full = f"{county.city.name if not county.city.is_pseudo else county.province.name}{trade}{industry}{suffix}"
    else:
        full = f"{place}{trade}{industry}{suffix}"
    return full, f"{trade}公司"


def law_firm(rng: random.Random, province: Province) -> str:
    trade = rng.choice(_TRADE)
    if province.is_municipality:
        return f"{province.name}{trade}律师事务所"
    return f"{province.short}{trade}律师事务所"


def insurer(rng: random.Random, city: City) -> str:
    firm = rng.choice(["中国人民财产保险股份有限公司", "中国平安财产保险股份有限公司", "中国太平洋财产保险股份有限公司",
                       "中华联合财产保险股份有限公司", "中国人寿财产保险股份有限公司", "阳光财产保险股份有限公司"])
    branch = f"{city.name}分公司" if not city.is_pseudo else f"{city.province.short}分公司"
    return firm + branch


def bank_branch(rng: random.Random, bank: str, county: County) -> str:
    full = {"中国工商银行": "中国工商银行股份有限公司", "中国农业银行": "中国农业银行股份有限公司",
            "中国银行": "中国银行股份有限公司", "中国建设银行": "中国建设银行股份有限公司",
            "交通银行": "交通银行股份有限公司", "招商银行": "招商银行股份有限公司",
            "中国邮政储蓄银行": "中国邮政储蓄银行股份有限公司"}.get(bank, "中国工商银行股份有限公司")
    city = county.city.short if not county.city.is_pseudo else county.province.short
    return f"{full}{city}{county.short}支行"


def case_number(year: int, court_code: str, kind: str, serial: int) -> str:
    """（2023）豫0102民初1234号."""
    return f"（{year}）{court_code}{kind}{serial}号"
