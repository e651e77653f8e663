/* jp.c — the basic domains and the prefectures, as tables. */
#include <string.h>

#include "jp.h"

const struct jp_item jp_domains[] = {
	{ "01", "内科", "Internal medicine" },
	{ "02", "小児科", "Pediatrics" },
	{ "03", "皮膚科", "Dermatology" },
	{ "04", "精神科", "Psychiatry" },
	{ "05", "外科", "Surgery" },
	{ "06", "整形外科", "Orthopedic surgery" },
	{ "07", "産婦人科", "Obstetrics and gynecology" },
	{ "08", "眼科", "Ophthalmology" },
	{ "09", "耳鼻咽喉科", "Otorhinolaryngology" },
	{ "10", "泌尿器科", "Urology" },
	{ "11", "脳神経外科", "Neurosurgery" },
	{ "12", "放射線科", "Radiology" },
	{ "13", "麻酔科", "Anesthesiology" },
	{ "14", "病理", "Pathology" },
	{ "15", "臨床検査", "Laboratory medicine" },
	{ "16", "救急科", "Emergency medicine" },
	{ "17", "形成外科", "Plastic surgery" },
	{ "18", "リハビリテーション科", "Rehabilitation medicine" },
	{ "19", "総合診療", "General medicine" },
	{ NULL, NULL, NULL },
};

const struct jp_item jp_prefs[] = {
	{ "01", "北海道", "Hokkaido" }, { "02", "青森県", "Aomori" },
	{ "03", "岩手県", "Iwate" }, { "04", "宮城県", "Miyagi" },
	{ "05", "秋田県", "Akita" }, { "06", "山形県", "Yamagata" },
	{ "07", "福島県", "Fukushima" }, { "08", "茨城県", "Ibaraki" },
	{ "09", "栃木県", "Tochigi" }, { "10", "群馬県", "Gunma" },
	{ "11", "埼玉県", "Saitama" }, { "12", "千葉県", "Chiba" },
	{ "13", "東京都", "Tokyo" }, { "14", "神奈川県", "Kanagawa" },
	{ "15", "新潟県", "Niigata" }, { "16", "富山県", "Toyama" },
	{ "17", "石川県", "Ishikawa" }, { "18", "福井県", "Fukui" },
	{ "19", "山梨県", "Yamanashi" }, { "20", "長野県", "Nagano" },
	{ "21", "岐阜県", "Gifu" }, { "22", "静岡県", "Shizuoka" },
	{ "23", "愛知県", "Aichi" }, { "24", "三重県", "Mie" },
	{ "25", "滋賀県", "Shiga" }, { "26", "京都府", "Kyoto" },
	{ "27", "大阪府", "Osaka" }, { "28", "兵庫県", "Hyogo" },
	{ "29", "奈良県", "Nara" }, { "30", "和歌山県", "Wakayama" },
	{ "31", "鳥取県", "Tottori" }, { "32", "島根県", "Shimane" },
	{ "33", "岡山県", "Okayama" }, { "34", "広島県", "Hiroshima" },
	{ "35", "山口県", "Yamaguchi" }, { "36", "徳島県", "Tokushima" },
	{ "37", "香川県", "Kagawa" }, { "38", "愛媛県", "Ehime" },
	{ "39", "高知県", "Kochi" }, { "40", "福岡県", "Fukuoka" },
	{ "41", "佐賀県", "Saga" }, { "42", "長崎県", "Nagasaki" },
	{ "43", "熊本県", "Kumamoto" }, { "44", "大分県", "Oita" },
	{ "45", "宮崎県", "Miyazaki" }, { "46", "鹿児島県", "Kagoshima" },
	{ "47", "沖縄県", "Okinawa" },
	{ NULL, NULL, NULL },
};

const struct jp_item *
jp_find(const struct jp_item *tab, const char *code)
{
	for (; code != NULL && tab->code != NULL; tab++)
		if (strcmp(tab->code, code) == 0)
			return tab;
	return NULL;
}

/* The name of a code in Japanese or (en) English; NULL if unknown. */
const char *
jp_label(const struct jp_item *t, const char *code, int en)
{
	const struct jp_item	*i;

	if (code == NULL || (i = jp_find(t, code)) == NULL)
		return NULL;
	return en ? i->en : i->ja;
}

const char *const jp_domain_codes[] = {
	"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
	"12", "13", "14", "15", "16", "17", "18", "19", NULL
};

const char *const jp_pref_codes[] = {
	"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
	"12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
	"23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33",
	"34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44",
	"45", "46", "47", NULL
};
