/* Tables with more const entries than one C else-if chain holds (made by
 * a script): the backend starts the chain again after every 64 entries,
 * behind a test that no earlier entry matched (ENTRY_CHAIN in
 * emit_tables.c), as clang's parser recurses once per else. by_k's
 * entries set scalars (entry_scalars); wide's action data is wider than
 * 64 bits, so its entries run their action in the chain (entry_actions).
 * The first matching entry wins across groups: entry 10 before 150. */
#include <core.p4>
#include <xdp_model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header h_t {
    bit<16>  k;
    bit<8>   r1;
    bit<128> r2;
}

struct headers_t {
    ethernet_t eth;
    h_t        h;
}

parser prs(packet_in pkt, out headers_t hdr) {
    state start {
        pkt.extract(hdr.eth);
        pkt.extract(hdr.h);
        transition accept;
    }
}

control sw(inout headers_t hdr, in xdp_input xin, out xdp_output xout) {
    action set_r1(bit<8> v) { hdr.h.r1 = v; }
    action set_r2(bit<128> v) { hdr.h.r2 = v; }

    table by_k {
        key = { hdr.h.k : ternary; }
        actions = { set_r1; }
        default_action = set_r1(0xee);
        const entries = {
            0x0000 &&& 0xffff : set_r1(0);
            0x0007 &&& 0xffff : set_r1(1);
            0x000e &&& 0xffff : set_r1(2);
            0x0015 &&& 0xffff : set_r1(3);
            0x001c &&& 0xffff : set_r1(4);
            0x0023 &&& 0xffff : set_r1(5);
            0x002a &&& 0xffff : set_r1(6);
            0x0031 &&& 0xffff : set_r1(7);
            0x0038 &&& 0xffff : set_r1(8);
            0x003f &&& 0xffff : set_r1(9);
            0x8046 &&& 0xffff : set_r1(10);
            0x004d &&& 0xffff : set_r1(11);
            0x0054 &&& 0xffff : set_r1(12);
            0x005b &&& 0xffff : set_r1(13);
            0x0062 &&& 0xffff : set_r1(14);
            0x0069 &&& 0xffff : set_r1(15);
            0x0070 &&& 0xffff : set_r1(16);
            0x0077 &&& 0xffff : set_r1(17);
            0x007e &&& 0xffff : set_r1(18);
            0x0085 &&& 0xffff : set_r1(19);
            0x008c &&& 0xffff : set_r1(20);
            0x0093 &&& 0xffff : set_r1(21);
            0x009a &&& 0xffff : set_r1(22);
            0x00a1 &&& 0xffff : set_r1(23);
            0x00a8 &&& 0xffff : set_r1(24);
            0x00af &&& 0xffff : set_r1(25);
            0x00b6 &&& 0xffff : set_r1(26);
            0x00bd &&& 0xffff : set_r1(27);
            0x00c4 &&& 0xffff : set_r1(28);
            0x00cb &&& 0xffff : set_r1(29);
            0x00d2 &&& 0xffff : set_r1(30);
            0x00d9 &&& 0xffff : set_r1(31);
            0x00e0 &&& 0xffff : set_r1(32);
            0x00e7 &&& 0xffff : set_r1(33);
            0x00ee &&& 0xffff : set_r1(34);
            0x00f5 &&& 0xffff : set_r1(35);
            0x00fc &&& 0xffff : set_r1(36);
            0x0103 &&& 0xffff : set_r1(37);
            0x010a &&& 0xffff : set_r1(38);
            0x0111 &&& 0xffff : set_r1(39);
            0x0118 &&& 0xffff : set_r1(40);
            0x011f &&& 0xffff : set_r1(41);
            0x0126 &&& 0xffff : set_r1(42);
            0x012d &&& 0xffff : set_r1(43);
            0x0134 &&& 0xffff : set_r1(44);
            0x013b &&& 0xffff : set_r1(45);
            0x0142 &&& 0xffff : set_r1(46);
            0x0149 &&& 0xffff : set_r1(47);
            0x0150 &&& 0xffff : set_r1(48);
            0x0157 &&& 0xffff : set_r1(49);
            0x015e &&& 0xffff : set_r1(50);
            0x0165 &&& 0xffff : set_r1(51);
            0x016c &&& 0xffff : set_r1(52);
            0x0173 &&& 0xffff : set_r1(53);
            0x017a &&& 0xffff : set_r1(54);
            0x0181 &&& 0xffff : set_r1(55);
            0x0188 &&& 0xffff : set_r1(56);
            0x018f &&& 0xffff : set_r1(57);
            0x0196 &&& 0xffff : set_r1(58);
            0x019d &&& 0xffff : set_r1(59);
            0x01a4 &&& 0xffff : set_r1(60);
            0x01ab &&& 0xffff : set_r1(61);
            0x01b2 &&& 0xffff : set_r1(62);
            0x01b9 &&& 0xffff : set_r1(63);
            0x01c0 &&& 0xffff : set_r1(64);
            0x01c7 &&& 0xffff : set_r1(65);
            0x01ce &&& 0xffff : set_r1(66);
            0x01d5 &&& 0xffff : set_r1(67);
            0x01dc &&& 0xffff : set_r1(68);
            0x01e3 &&& 0xffff : set_r1(69);
            0x01ea &&& 0xffff : set_r1(70);
            0x01f1 &&& 0xffff : set_r1(71);
            0x01f8 &&& 0xffff : set_r1(72);
            0x01ff &&& 0xffff : set_r1(73);
            0x0206 &&& 0xffff : set_r1(74);
            0x020d &&& 0xffff : set_r1(75);
            0x0214 &&& 0xffff : set_r1(76);
            0x021b &&& 0xffff : set_r1(77);
            0x0222 &&& 0xffff : set_r1(78);
            0x0229 &&& 0xffff : set_r1(79);
            0x0230 &&& 0xffff : set_r1(80);
            0x0237 &&& 0xffff : set_r1(81);
            0x023e &&& 0xffff : set_r1(82);
            0x0245 &&& 0xffff : set_r1(83);
            0x024c &&& 0xffff : set_r1(84);
            0x0253 &&& 0xffff : set_r1(85);
            0x025a &&& 0xffff : set_r1(86);
            0x0261 &&& 0xffff : set_r1(87);
            0x0268 &&& 0xffff : set_r1(88);
            0x026f &&& 0xffff : set_r1(89);
            0x0276 &&& 0xffff : set_r1(90);
            0x027d &&& 0xffff : set_r1(91);
            0x0284 &&& 0xffff : set_r1(92);
            0x028b &&& 0xffff : set_r1(93);
            0x0292 &&& 0xffff : set_r1(94);
            0x0299 &&& 0xffff : set_r1(95);
            0x02a0 &&& 0xffff : set_r1(96);
            0x02a7 &&& 0xffff : set_r1(97);
            0x02ae &&& 0xffff : set_r1(98);
            0x02b5 &&& 0xffff : set_r1(99);
            0x02bc &&& 0xffff : set_r1(100);
            0x02c3 &&& 0xffff : set_r1(101);
            0x02ca &&& 0xffff : set_r1(102);
            0x02d1 &&& 0xffff : set_r1(103);
            0x02d8 &&& 0xffff : set_r1(104);
            0x02df &&& 0xffff : set_r1(105);
            0x02e6 &&& 0xffff : set_r1(106);
            0x02ed &&& 0xffff : set_r1(107);
            0x02f4 &&& 0xffff : set_r1(108);
            0x02fb &&& 0xffff : set_r1(109);
            0x0302 &&& 0xffff : set_r1(110);
            0x0309 &&& 0xffff : set_r1(111);
            0x0310 &&& 0xffff : set_r1(112);
            0x0317 &&& 0xffff : set_r1(113);
            0x031e &&& 0xffff : set_r1(114);
            0x0325 &&& 0xffff : set_r1(115);
            0x032c &&& 0xffff : set_r1(116);
            0x0333 &&& 0xffff : set_r1(117);
            0x033a &&& 0xffff : set_r1(118);
            0x0341 &&& 0xffff : set_r1(119);
            0x0348 &&& 0xffff : set_r1(120);
            0x034f &&& 0xffff : set_r1(121);
            0x0356 &&& 0xffff : set_r1(122);
            0x035d &&& 0xffff : set_r1(123);
            0x0364 &&& 0xffff : set_r1(124);
            0x036b &&& 0xffff : set_r1(125);
            0x0372 &&& 0xffff : set_r1(126);
            0x0379 &&& 0xffff : set_r1(127);
            0x0380 &&& 0xffff : set_r1(128);
            0x0387 &&& 0xffff : set_r1(129);
            0x038e &&& 0xffff : set_r1(130);
            0x0395 &&& 0xffff : set_r1(131);
            0x039c &&& 0xffff : set_r1(132);
            0x03a3 &&& 0xffff : set_r1(133);
            0x03aa &&& 0xffff : set_r1(134);
            0x03b1 &&& 0xffff : set_r1(135);
            0x03b8 &&& 0xffff : set_r1(136);
            0x03bf &&& 0xffff : set_r1(137);
            0x03c6 &&& 0xffff : set_r1(138);
            0x03cd &&& 0xffff : set_r1(139);
            0x03d4 &&& 0xffff : set_r1(140);
            0x03db &&& 0xffff : set_r1(141);
            0x03e2 &&& 0xffff : set_r1(142);
            0x03e9 &&& 0xffff : set_r1(143);
            0x03f0 &&& 0xffff : set_r1(144);
            0x03f7 &&& 0xffff : set_r1(145);
            0x03fe &&& 0xffff : set_r1(146);
            0x0405 &&& 0xffff : set_r1(147);
            0x040c &&& 0xffff : set_r1(148);
            0x0413 &&& 0xffff : set_r1(149);
            0x8000 &&& 0x8000 : set_r1(0x99);   /* after entry 10, which matches 0x8046 */
            0x0421 &&& 0xffff : set_r1(151);
            0x0428 &&& 0xffff : set_r1(152);
            0x042f &&& 0xffff : set_r1(153);
            0x0436 &&& 0xffff : set_r1(154);
            0x043d &&& 0xffff : set_r1(155);
            0x0444 &&& 0xffff : set_r1(156);
            0x044b &&& 0xffff : set_r1(157);
            0x0452 &&& 0xffff : set_r1(158);
            0x0459 &&& 0xffff : set_r1(159);
            0x0460 &&& 0xffff : set_r1(160);
            0x0467 &&& 0xffff : set_r1(161);
            0x046e &&& 0xffff : set_r1(162);
            0x0475 &&& 0xffff : set_r1(163);
            0x047c &&& 0xffff : set_r1(164);
            0x0483 &&& 0xffff : set_r1(165);
            0x048a &&& 0xffff : set_r1(166);
            0x0491 &&& 0xffff : set_r1(167);
            0x0498 &&& 0xffff : set_r1(168);
            0x049f &&& 0xffff : set_r1(169);
            0x04a6 &&& 0xffff : set_r1(170);
            0x04ad &&& 0xffff : set_r1(171);
            0x04b4 &&& 0xffff : set_r1(172);
            0x04bb &&& 0xffff : set_r1(173);
            0x04c2 &&& 0xffff : set_r1(174);
            0x04c9 &&& 0xffff : set_r1(175);
            0x04d0 &&& 0xffff : set_r1(176);
            0x04d7 &&& 0xffff : set_r1(177);
            0x04de &&& 0xffff : set_r1(178);
            0x04e5 &&& 0xffff : set_r1(179);
            0x04ec &&& 0xffff : set_r1(180);
            0x04f3 &&& 0xffff : set_r1(181);
            0x04fa &&& 0xffff : set_r1(182);
            0x0501 &&& 0xffff : set_r1(183);
            0x0508 &&& 0xffff : set_r1(184);
            0x050f &&& 0xffff : set_r1(185);
            0x0516 &&& 0xffff : set_r1(186);
            0x051d &&& 0xffff : set_r1(187);
            0x0524 &&& 0xffff : set_r1(188);
            0x052b &&& 0xffff : set_r1(189);
            0x0532 &&& 0xffff : set_r1(190);
            0x0539 &&& 0xffff : set_r1(191);
            0x0540 &&& 0xffff : set_r1(192);
            0x0547 &&& 0xffff : set_r1(193);
            0x054e &&& 0xffff : set_r1(194);
            0x0555 &&& 0xffff : set_r1(195);
            0x055c &&& 0xffff : set_r1(196);
            0x0563 &&& 0xffff : set_r1(197);
            0x056a &&& 0xffff : set_r1(198);
            0x0571 &&& 0xffff : set_r1(199);
        }
    }

    table wide {
        key = { hdr.h.k : exact; }
        actions = { set_r2; }
        default_action = set_r2(0);
        const entries = {
            0x0000 : set_r2(0x0102030405060708090a0b0c0d0e0f10);
            0x0007 : set_r2(0x020406080a0c0e10121416181a1c1e20);
            0x000e : set_r2(0x0306090c0f1215181b1e2124272a2d30);
            0x0015 : set_r2(0x04080c1014181c2024282c3034383c40);
            0x001c : set_r2(0x050a0f14191e23282d32373c41464b50);
            0x0023 : set_r2(0x060c12181e242a30363c42484e545a60);
            0x002a : set_r2(0x070e151c232a31383f464d545b626970);
            0x0031 : set_r2(0x08101820283038404850586068707880);
            0x0038 : set_r2(0x09121b242d363f48515a636c757e8790);
            0x003f : set_r2(0x0a141e28323c46505a646e78828c96a0);
            0x0046 : set_r2(0x0b16212c37424d58636e79848f9aa5b0);
            0x004d : set_r2(0x0c1824303c4854606c7884909ca8b4c0);
            0x0054 : set_r2(0x0d1a2734414e5b6875828f9ca9b6c3d0);
            0x005b : set_r2(0x0e1c2a38465462707e8c9aa8b6c4d2e0);
            0x0062 : set_r2(0x0f1e2d3c4b5a69788796a5b4c3d2e1f0);
            0x0069 : set_r2(0x102030405060708090a0b0c0d0e0f100);
            0x0070 : set_r2(0x112233445566778899aabbccddef0010);
            0x0077 : set_r2(0x122436485a6c7e90a2b4c6d8eafd0f20);
            0x007e : set_r2(0x1326394c5f728598abbed1e4f80b1e30);
            0x0085 : set_r2(0x14283c5064788ca0b4c8dcf105192d40);
            0x008c : set_r2(0x152a3f54697e93a8bdd2e7fd12273c50);
            0x0093 : set_r2(0x162c42586e849ab0c6dcf3091f354b60);
            0x009a : set_r2(0x172e455c738aa1b8cfe6fe152c435a70);
            0x00a1 : set_r2(0x183048607890a8c0d8f1092139516980);
            0x00a8 : set_r2(0x19324b647d96afc8e1fb142d465f7890);
            0x00af : set_r2(0x1a344e68829cb6d0eb051f39536d87a0);
            0x00b6 : set_r2(0x1b36516c87a2bdd8f40f2a45607b96b0);
            0x00bd : set_r2(0x1c3854708ca8c4e0fd1935516d89a5c0);
            0x00c4 : set_r2(0x1d3a577491aecbe90623405d7a97b4d0);
            0x00cb : set_r2(0x1e3c5a7896b4d2f10f2d4b6987a5c3e0);
            0x00d2 : set_r2(0x1f3e5d7c9bbad9f91837567594b3d2f0);
            0x00d9 : set_r2(0x20406080a0c0e10121416181a1c1e200);
            0x00e0 : set_r2(0x21426384a5c6e8092a4b6c8daecff110);
            0x00e7 : set_r2(0x22446688aaccef1133557799bbde0020);
            0x00ee : set_r2(0x2346698cafd2f6193c5f82a5c8ec0f30);
            0x00f5 : set_r2(0x24486c90b4d8fd2145698db1d5fa1e40);
            0x00fc : set_r2(0x254a6f94b9df04294e7398bde3082d50);
            0x0103 : set_r2(0x264c7298bee50b31577da3c9f0163c60);
            0x010a : set_r2(0x274e759cc3eb12396087aed5fd244b70);
            0x0111 : set_r2(0x285078a0c8f119416991b9e20a325a80);
            0x0118 : set_r2(0x29527ba4cdf72049729bc4ee17406990);
            0x011f : set_r2(0x2a547ea8d2fd27517ba5cffa244e78a0);
            0x0126 : set_r2(0x2b5681acd8032e5984afdb06315c87b0);
            0x012d : set_r2(0x2c5884b0dd0935618db9e6123e6a96c0);
            0x0134 : set_r2(0x2d5a87b4e20f3c6996c3f11e4b78a5d0);
            0x013b : set_r2(0x2e5c8ab8e71543719fcdfc2a5886b4e0);
            0x0142 : set_r2(0x2f5e8dbcec1b4a79a8d807366594c3f0);
            0x0149 : set_r2(0x306090c0f1215181b1e2124272a2d300);
            0x0150 : set_r2(0x316293c4f6275889baec1d4e7fb0e210);
            0x0157 : set_r2(0x326496c8fb2d5f91c3f6285a8cbef120);
            0x015e : set_r2(0x336699cd00336699cd00336699cd0030);
            0x0165 : set_r2(0x34689cd105396da1d60a3e72a6db0f40);
            0x016c : set_r2(0x356a9fd50a3f74a9df14497eb3e91e50);
            0x0173 : set_r2(0x366ca2d90f457bb1e81e548ac0f72d60);
            0x017a : set_r2(0x376ea5dd144b82b9f1285f96ce053c70);
            0x0181 : set_r2(0x3870a8e1195189c1fa326aa2db134b80);
            0x0188 : set_r2(0x3972abe51e5790ca033c75aee8215a90);
            0x018f : set_r2(0x3a74aee9235d97d20c4680baf52f69a0);
            0x0196 : set_r2(0x3b76b1ed28639eda15508bc7023d78b0);
            0x019d : set_r2(0x3c78b4f12d69a5e21e5a96d30f4b87c0);
            0x01a4 : set_r2(0x3d7ab7f5326facea2764a1df1c5996d0);
            0x01ab : set_r2(0x3e7cbaf93775b3f2306eaceb2967a5e0);
            0x01b2 : set_r2(0x3f7ebdfd3c7bbafa3978b7f73675b4f0);
            0x01b9 : set_r2(0x4080c1014181c2024282c3034383c400);
            0x01c0 : set_r2(0x4182c4054687c90a4b8cce0f5091d310);
            0x01c7 : set_r2(0x4284c7094b8dd0125496d91b5d9fe220);
            0x01ce : set_r2(0x4386ca0d5093d71a5da0e4276aadf130);
            0x01d5 : set_r2(0x4488cd115599de2266aaef3377bc0040);
            0x01dc : set_r2(0x458ad0155a9fe52a6fb4fa3f84ca0f50);
            0x01e3 : set_r2(0x468cd3195fa5ec3278bf054b91d81e60);
            0x01ea : set_r2(0x478ed61d64abf33a81c910579ee62d70);
            0x01f1 : set_r2(0x4890d92169b1fa428ad31b63abf43c80);
            0x01f8 : set_r2(0x4992dc256eb8014a93dd266fb9024b90);
            0x01ff : set_r2(0x4a94df2973be08529ce7317bc6105aa0);
            0x0206 : set_r2(0x4b96e22d78c40f5aa5f13c87d31e69b0);
            0x020d : set_r2(0x4c98e5317dca1662aefb4793e02c78c0);
            0x0214 : set_r2(0x4d9ae83582d01d6ab805529fed3a87d0);
            0x021b : set_r2(0x4e9ceb3987d62472c10f5dabfa4896e0);
            0x0222 : set_r2(0x4f9eee3d8cdc2b7aca1968b80756a5f0);
            0x0229 : set_r2(0x50a0f14191e23282d32373c41464b500);
            0x0230 : set_r2(0x51a2f44596e8398adc2d7ed02172c410);
            0x0237 : set_r2(0x52a4f7499bee4092e53789dc2e80d320);
            0x023e : set_r2(0x53a6fa4da0f4479aee4194e83b8ee230);
            0x0245 : set_r2(0x54a8fd51a5fa4ea2f74b9ff4489cf140);
            0x024c : set_r2(0x55ab0055ab0055ab0055ab0055ab0050);
            0x0253 : set_r2(0x56ad0359b0065cb3095fb60c62b90f60);
            0x025a : set_r2(0x57af065db50c63bb1269c1186fc71e70);
            0x0261 : set_r2(0x58b10961ba126ac31b73cc247cd52d80);
            0x0268 : set_r2(0x59b30c65bf1871cb247dd73089e33c90);
            0x026f : set_r2(0x5ab50f69c41e78d32d87e23c96f14ba0);
            0x0276 : set_r2(0x5bb7126dc9247fdb3691ed48a3ff5ab0);
            0x027d : set_r2(0x5cb91571ce2a86e33f9bf854b10d69c0);
            0x0284 : set_r2(0x5dbb1875d3308deb48a60360be1b78d0);
            0x028b : set_r2(0x5ebd1b79d83694f351b00e6ccb2987e0);
            0x0292 : set_r2(0x5fbf1e7ddd3c9bfb5aba1978d83796f0);
            0x0299 : set_r2(0x60c12181e242a30363c42484e545a600);
            0x02a0 : set_r2(0x61c32485e748aa0b6cce2f90f253b510);
            0x02a7 : set_r2(0x62c52789ec4eb11375d83a9cff61c420);
            0x02ae : set_r2(0x63c72a8df154b81b7ee245a90c6fd330);
            0x02b5 : set_r2(0x64c92d91f65abf2387ec50b5197de240);
            0x02bc : set_r2(0x65cb3095fb60c62b90f65bc1268bf150);
            0x02c3 : set_r2(0x66cd339a0066cd339a0066cd339a0060);
            0x02ca : set_r2(0x67cf369e056cd43ba30a71d940a80f70);
            0x02d1 : set_r2(0x68d139a20a72db43ac147ce54db61e80);
            0x02d8 : set_r2(0x69d33ca60f78e24bb51e87f15ac42d90);
            0x02df : set_r2(0x6ad53faa147ee953be2892fd67d23ca0);
            0x02e6 : set_r2(0x6bd742ae1984f05bc7329e0974e04bb0);
            0x02ed : set_r2(0x6cd945b21e8af763d03ca91581ee5ac0);
            0x02f4 : set_r2(0x6ddb48b62390fe6bd946b4218efc69d0);
            0x02fb : set_r2(0x6edd4bba28970573e250bf2d9c0a78e0);
            0x0302 : set_r2(0x6fdf4ebe2d9d0c7beb5aca39a91887f0);
            0x0309 : set_r2(0x70e151c232a31383f464d545b6269700);
            0x0310 : set_r2(0x71e354c637a91a8bfd6ee051c334a610);
            0x0317 : set_r2(0x72e557ca3caf21940678eb5dd042b520);
            0x031e : set_r2(0x73e75ace41b5289c0f82f669dd50c430);
            0x0325 : set_r2(0x74e95dd246bb2fa4188d0175ea5ed340);
            0x032c : set_r2(0x75eb60d64bc136ac21970c81f76ce250);
            0x0333 : set_r2(0x76ed63da50c73db42aa1178e047af160);
            0x033a : set_r2(0x77ef66de55cd44bc33ab229a11890070);
            0x0341 : set_r2(0x78f169e25ad34bc43cb52da61e970f80);
            0x0348 : set_r2(0x79f36ce65fd952cc45bf38b22ba51e90);
            0x034f : set_r2(0x7af56fea64df59d44ec943be38b32da0);
            0x0356 : set_r2(0x7bf772ee69e560dc57d34eca45c13cb0);
            0x035d : set_r2(0x7cf975f26eeb67e460dd59d652cf4bc0);
            0x0364 : set_r2(0x7dfb78f673f16eec69e764e25fdd5ad0);
            0x036b : set_r2(0x7efd7bfa78f775f472f16fee6ceb69e0);
            0x0372 : set_r2(0x7fff7efe7dfd7cfc7bfb7afa79f978f0);
            0x0379 : set_r2(0x81018202830384048505860687078800);
            0x0380 : set_r2(0x8203850688098b0c8e0f911294159710);
            0x0387 : set_r2(0x8305880a8d0f921497199c1ea123a620);
        }
    }

    apply {
        xout.output_action = xdp_action.XDP_PASS;
        xout.output_port = 0;
        by_k.apply();
        wide.apply();
    }
}

control dep(in headers_t hdr, packet_out pkt) {
    apply {
        pkt.emit(hdr.eth);
        pkt.emit(hdr.h);
    }
}

xdp(prs(), sw(), dep()) main;
