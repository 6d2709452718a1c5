// SPDX-License-Identifier: GPL-2.0-only
/*
 * HSS/LMS verification (lib/hss_lms.c): RFC 8554 Appendix F test cases 1
 * and 2, mutated and malformed signatures, and round trips with the
 * userspace signer (userspace/common/hss_sign.c), including its state
 * handling (persisted before the signature is returned, exhaustion).
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <suit/sw_crypto.h>
#include "test.h"
#include "../../../userspace/common/hss_sign.h"

/* RFC 8554 Appendix F, Test Case 1: HSS, L = 2, both levels H5/W8. */
static const char tc1_pub[] =
	"00000002000000050000000461a5d57d37f5e46bfb7520806b07a1b850650e3b"
	"31fe4a773ea29a07f09cf2ea30e579f0df58ef8e298da0434cb2b878";

/* "The powers not delegated to the United States by the Constitution, ..." */
static const char tc1_msg[] =
	"54686520706f77657273206e6f742064656c65676174656420746f2074686520"
	"556e69746564205374617465732062792074686520436f6e737469747574696f"
	"6e2c206e6f722070726f6869626974656420627920697420746f207468652053"
	"74617465732c2061726520726573657276656420746f20746865205374617465"
	"7320726573706563746976656c792c206f7220746f207468652070656f706c65"
	"2e0a";

static const char tc1_sig[] =
	"000000010000000500000004d32b56671d7eb98833c49b433c272586bc4a1c8a"
	"8970528ffa04b966f9426eb9965a25bfd37f196b9073f3d4a232feb69128ec45"
	"146f86292f9dff9610a7bf95a64c7f60f6261a62043f86c70324b7707f5b4a8a"
	"6e19c114c7be866d488778a0e05fd5c6509a6e61d559cf1a77a970de927d60c7"
	"0d3de31a7fa0100994e162a2582e8ff1b10cd99d4e8e413ef469559f7d7ed12c"
	"838342f9b9c96b83a4943d1681d84b15357ff48ca579f19f5e71f18466f2bbef"
	"4bf660c2518eb20de2f66e3b14784269d7d876f5d35d3fbfc7039a462c716bb9"
	"f6891a7f41ad133e9e1f6d9560b960e7777c52f060492f2d7c660e1471e07e72"
	"655562035abc9a701b473ecbc3943c6b9c4f2405a3cb8bf8a691ca51d3f6ad2f"
	"428bab6f3a30f55dd9625563f0a75ee390e385e3ae0b906961ecf41ae073a059"
	"0c2eb6204f44831c26dd768c35b167b28ce8dc988a3748255230cef99ebf14e7"
	"30632f27414489808afab1d1e783ed04516de012498682212b07810579b25036"
	"5941bcc98142da13609e9768aaf65de7620dabec29eb82a17fde35af15ad238c"
	"73f81bdb8dec2fc0e7f932701099762b37f43c4a3c20010a3d72e2f606be108d"
	"310e639f09ce7286800d9ef8a1a40281cc5a7ea98d2adc7c7400c2fe5a101552"
	"df4e3cccfd0cbf2ddf5dc6779cbbc68fee0c3efe4ec22b83a2caa3e48e0809a0"
	"a750b73ccdcf3c79e6580c154f8a58f7f24335eec5c5eb5e0cf01dcf44394240"
	"95fceb077f66ded5bec73b27c5b9f64a2a9af2f07c05e99e5cf80f00252e39db"
	"32f6c19674f190c9fbc506d826857713afd2ca6bb85cd8c107347552f30575a5"
	"417816ab4db3f603f2df56fbc413e7d0acd8bdd81352b2471fc1bc4f1ef296fe"
	"a1220403466b1afe78b94f7ecf7cc62fb92be14f18c2192384ebceaf8801afdf"
	"947f698ce9c6ceb696ed70e9e87b0144417e8d7baf25eb5f70f09f016fc925b4"
	"db048ab8d8cb2a661ce3b57ada67571f5dd546fc22cb1f97e0ebd1a65926b123"
	"4fd04f171cf469c76b884cf3115cce6f792cc84e36da58960c5f1d760f32c12f"
	"aef477e94c92eb75625b6a371efc72d60ca5e908b3a7dd69fef0249150e3eebd"
	"fed39cbdc3ce9704882a2072c75e13527b7a581a556168783dc1e97545e31865"
	"ddc46b3c957835da252bb7328d3ee2062445dfb85ef8c35f8e1f3371af34023c"
	"ef626e0af1e0bc017351aae2ab8f5c612ead0b729a1d059d02bfe18efa971b73"
	"00e882360a93b025ff97e9e0eec0f3f3f13039a17f88b0cf808f488431606cb1"
	"3f9241f40f44e537d302c64a4f1f4ab949b9feefadcb71ab50ef27d6d6ca8510"
	"f150c85fb525bf25703df7209b6066f09c37280d59128d2f0f637c7d7d7fad4e"
	"d1c1ea04e628d221e3d8db77b7c878c9411cafc5071a34a00f4cf07738912753"
	"dfce48f07576f0d4f94f42c6d76f7ce973e9367095ba7e9a3649b7f461d9f9ac"
	"1332a4d1044c96aefee67676401b64457c54d65fef6500c59cdfb69af7b6dddf"
	"cb0f086278dd8ad0686078dfb0f3f79cd893d314168648499898fbc0ced5f95b"
	"74e8ff14d735cdea968bee7400000005d8b8112f9200a5e50c4a262165bd342c"
	"d800b8496810bc716277435ac376728d129ac6eda839a6f357b5a04387c5ce97"
	"382a78f2a4372917eefcbf93f63bb59112f5dbe400bd49e4501e859f885bf073"
	"6e90a509b30a26bfac8c17b5991c157eb5971115aa39efd8d564a6b90282c316"
	"8af2d30ef89d51bf14654510a12b8a144cca1848cf7da59cc2b3d9d0692dd2a2"
	"0ba3863480e25b1b85ee860c62bf51360000000500000004d2f14ff6346af964"
	"569f7d6cb880a1b66c5004917da6eafe4d9ef6c6407b3db0e5485b122d9ebe15"
	"cda93cfec582d7ab0000000a000000040703c491e7558b35011ece3592eaa5da"
	"4d918786771233e8353bc4f62323185c95cae05b899e35dffd71705470620998"
	"8ebfdf6e37960bb5c38d7657e8bffeef9bc042da4b4525650485c66d0ce19b31"
	"7587c6ba4bffcc428e25d08931e72dfb6a120c5612344258b85efdb7db1db9e1"
	"865a73caf96557eb39ed3e3f426933ac9eeddb03a1d2374af7bf771855774562"
	"37f9de2d60113c23f846df26fa942008a698994c0827d90e86d43e0df7f4bfcd"
	"b09b86a373b98288b7094ad81a0185ac100e4f2c5fc38c003c1ab6fea479eb2f"
	"5ebe48f584d7159b8ada03586e65ad9c969f6aecbfe44cf356888a7b15a3ff07"
	"4f771760b26f9c04884ee1faa329fbf4e61af23aee7fa5d4d9a5dfcf43c4c26c"
	"e8aea2ce8a2990d7ba7b57108b47dabfbeadb2b25b3cacc1ac0cef346cbb90fb"
	"044beee4fac2603a442bdf7e507243b7319c9944b1586e899d431c7f91bcccc8"
	"690dbf59b28386b2315f3d36ef2eaa3cf30b2b51f48b71b003dfb08249484201"
	"043f65f5a3ef6bbd61ddfee81aca9ce60081262a00000480dcbc9a3da6fbef5c"
	"1c0a55e48a0e729f9184fcb1407c31529db268f6fe50032a363c9801306837fa"
	"fabdf957fd97eafc80dbd165e435d0e2dfd836a28b354023924b6fb7e48bc0b3"
	"ed95eea64c2d402f4d734c8dc26f3ac591825daef01eae3c38e3328d00a77dc6"
	"57034f287ccb0f0e1c9a7cbdc828f627205e4737b84b58376551d44c12c3c215"
	"c812a0970789c83de51d6ad787271963327f0a5fbb6b5907dec02c9a90934af5"
	"a1c63b72c82653605d1dcce51596b3c2b45696689f2eb382007497557692caac"
	"4d57b5de9f5569bc2ad0137fd47fb47e664fcb6db4971f5b3e07aceda9ac130e"
	"9f38182de994cff192ec0e82fd6d4cb7f3fe00812589b7a7ce51544045643301"
	"6b84a59bec6619a1c6c0b37dd1450ed4f2d8b584410ceda8025f5d2d8dd0d217"
	"6fc1cf2cc06fa8c82bed4d944e71339ece780fd025bd41ec34ebff9d4270a322"
	"4e019fcb444474d482fd2dbe75efb20389cc10cd600abb54c47ede93e08c114e"
	"db04117d714dc1d525e11bed8756192f929d15462b939ff3f52f2252da2ed64d"
	"8fae88818b1efa2c7b08c8794fb1b214aa233db3162833141ea4383f1a6f120b"
	"e1db82ce3630b3429114463157a64e91234d475e2f79cbf05e4db6a9407d72c6"
	"bff7d1198b5c4d6aad2831db61274993715a0182c7dc8089e32c8531deed4f74"
	"31c07c02195eba2ef91efb5613c37af7ae0c066babc69369700e1dd26eddc0d2"
	"16c781d56e4ce47e3303fa73007ff7b949ef23be2aa4dbf25206fe45c20dd888"
	"395b2526391a724996a44156beac808212858792bf8e74cba49dee5e8812e019"
	"da87454bff9e847ed83db07af313743082f880a278f682c2bd0ad6887cb59f65"
	"2e155987d61bbf6a88d36ee93b6072e6656d9ccbaae3d655852e38deb3a2dcf8"
	"058dc9fb6f2ab3d3b3539eb77b248a661091d05eb6e2f297774fe6053598457c"
	"c61908318de4b826f0fc86d4bb117d33e865aa805009cc2918d9c2f840c4da43"
	"a703ad9f5b5806163d7161696b5a0adc00000005d5c0d1bebb06048ed6fe2ef2"
	"c6cef305b3ed633941ebc8b3bec9738754cddd60e1920ada52f43d055b5031ce"
	"e6192520d6a5115514851ce7fd448d4a39fae2ab2335b525f484e9b40d6a4a96"
	"9394843bdcf6d14c48e8015e08ab92662c05c6e9f90b65a7a6201689999f32bf"
	"d368e5e3ec9cb70ac7b8399003f175c40885081a09ab3034911fe125631051df"
	"0408b3946b0bde790911e8978ba07dd56c73e7ee";

/*
 * RFC 8554 Appendix F, Test Case 2: HSS, L = 2, top level H10/W4, second
 * level H5/W8. The HSS signature is u32str(1) || sig0 || pub1 || sig1.
 */
static const char tc2_pub[] =
	"00000002"
	"0000000600000003d08fabd4a2091ff0a8cb4ed834e7453432a58885cd9ba043"
	"1235466bff9651c6c92124404d45fa53cf161c28f1ad5a8e";

/* "The enumeration in the Constitution, of certain rights, ..." */
static const char tc2_msg[] =
	"54686520656e756d65726174696f6e20696e2074686520436f6e737469747574"
	"696f6e2c206f66206365727461696e207269676874732c207368616c6c206e6f"
	"7420626520636f6e73747275656420746f2064656e79206f7220646973706172"
	"616765206f74686572732072657461696e6564206279207468652070656f706c"
	"652e0a";

/* top-level LMS signature (q = 3, H10/W4) over the second-level key */
static const char tc2_sig0[] =
	"00000003000000033d46bee8660f8f215d3f96408a7a64cf1c4da02b63a55f62"
	"c666ef5707a914ce0674e8cb7a55f0c48d484f31f3aa4af9719a74f22cf823b9"
	"4431d01c926e2a76bb71226d279700ec81c9e95fb11a0d10d065279a5796e265"
	"ae17737c44eb8c594508e126a9a7870bf4360820bdeb9a01d9693779e416828e"
	"75bddd7d8c70d50a0ac8ba39810909d445f44cb5bb58de737e60cb4345302786"
	"ef2c6b14af212ca19edeaa3bfcfe8baa6621ce88480df2371dd37add732c9de4"
	"ea2ce0dffa53c92649a18d39a50788f4652987f226a1d48168205df6ae7c58e0"
	"49a25d4907edc1aa90da8aa5e5f7671773e941d8055360215c6b60dd35463cf2"
	"240a9c06d694e9cb54e7b1e1bf494d0d1a28c0d31acc75161f4f485dfd3cb957"
	"8e836ec2dc722f37ed30872e07f2b8bd0374eb57d22c614e09150f6c0d8774a3"
	"9a6e168211035dc52988ab46eaca9ec597fb18b4936e66ef2f0df26e8d1e34da"
	"28cbb3af752313720c7b345434f72d65314328bbb030d0f0f6d5e47b28ea9100"
	"8fb11b05017705a8be3b2adb83c60a54f9d1d1b2f476f9e393eb5695203d2ba6"
	"ad815e6a111ea293dcc21033f9453d49c8e5a6387f588b1ea4f706217c151e05"
	"f55a6eb7997be09d56a326a32f9cba1fbe1c07bb49fa04cecf9df1a1b815483c"
	"75d7a27cc88ad1b1238e5ea986b53e087045723ce16187eda22e33b2c70709e5"
	"3251025abde8939645fc8c0693e97763928f00b2e3c75af3942d8ddaee81b59a"
	"6f1f67efda0ef81d11873b59137f67800b35e81b01563d187c4a1575a1acb92d"
	"087b517a8833383f05d357ef4678de0c57ff9f1b2da61dfde5d88318bcdde4d9"
	"061cc75c2de3cd4740dd7739ca3ef66f1930026f47d9ebaa713b07176f76f953"
	"e1c2e7f8f271a6ca375dbfb83d719b1635a7d8a13891957944b1c29bb101913e"
	"166e11bd5f34186fa6c0a555c9026b256a6860f4866bd6d0b5bf90627086c614"
	"9133f8282ce6c9b3622442443d5eca959d6c14ca8389d12c4068b503e4e3c39b"
	"635bea245d9d05a2558f249c9661c0427d2e489ca5b5dde220a90333f4862aec"
	"793223c781997da98266c12c50ea28b2c438e7a379eb106eca0c7fd6006e9bf6"
	"12f3ea0a454ba3bdb76e8027992e60de01e9094fddeb3349883914fb17a9621a"
	"b929d970d101e45f8278c14b032bcab02bd15692d21b6c5c204abbf077d46555"
	"3bd6eda645e6c3065d33b10d518a61e15ed0f092c32226281a29c8a0f50cde0a"
	"8c66236e29c2f310a375cebda1dc6bb9a1a01dae6c7aba8ebedc6371a7d52aac"
	"b955f83bd6e4f84d2949dcc198fb77c7e5cdf6040b0f84faf82808bf985577f0"
	"a2acf2ec7ed7c0b0ae8a270e951743ff23e0b2dd12e9c3c828fb5598a22461af"
	"94d568f29240ba2820c4591f71c088f96e095dd98beae456579ebbba36f6d9ca"
	"2613d1c26eee4d8c73217ac5962b5f3147b492e8831597fd89b64aa7fde82e19"
	"74d2f6779504dc21435eb3109350756b9fdabe1c6f368081bd40b27ebcb9819a"
	"75d7df8bb07bb05db1bab705a4b7e37125186339464ad8faaa4f052cc1272919"
	"fde3e025bb64aa8e0eb1fcbfcc25acb5f718ce4f7c2182fb393a1814b0e94249"
	"0e52d3bca817b2b26e90d4c9b0cc38608a6cef5eb153af0858acc867c9922aed"
	"43bb67d7b33acc519313d28d41a5c6fe6cf3595dd5ee63f0a4c4065a083590b2"
	"75788bee7ad875a7f88dd73720708c6c6c0ecf1f43bbaadae6f208557fdc07bd"
	"4ed91f88ce4c0de842761c70c186bfdafafc444834bd3418be4253a71eaf41d7"
	"18753ad07754ca3effd5960b0336981795721426803599ed5b2b7516920efcbe"
	"32ada4bcf6c73bd29e3fa152d9adeca36020fdeeee1b739521d3ea8c0da49700"
	"3df1513897b0f54794a873670b8d93bcca2ae47e64424b7423e1f078d9554bb5"
	"232cc6de8aae9b83fa5b9510beb39ccf4b4e1d9c0f19d5e17f58e5b8705d9a68"
	"37a7d9bf99cd13387af256a8491671f1f2f22af253bcff54b673199bdb7d05d8"
	"1064ef05f80f0153d0be7919684b23da8d42ff3effdb7ca0985033f389181f47"
	"659138003d712b5ec0a614d31cc7487f52de8664916af79c98456b2c94a80380"
	"83db55391e3475862250274a1de2584fec975fb09536792cfbfcf6192856cc76"
	"eb5b13dc4709e2f7301ddff26ec1b23de2d188c999166c74e1e14bbc15f457cf"
	"4e471ae13dcbdd9c50f4d646fc6278e8fe7eb6cb5c94100fa870187380b777ed"
	"19d7868fd8ca7ceb7fa7d5cc861c5bdac98e7495eb0a2ceec1924ae979f44c53"
	"90ebedddc65d6ec11287d978b8df064219bc5679f7d7b264a76ff272b2ac9f2f"
	"7cfc9fdcfb6a51428240027afd9d52a79b647c90c2709e060ed70f87299dd798"
	"d68f4fadd3da6c51d839f851f98f67840b964ebe73f8cec41572538ec6bc1310"
	"34ca2894eb736b3bda93d9f5f6fa6f6c0f03ce43362b8414940355fb54d3dfdd"
	"03633ae108f3de3ebc85a3ff51efeea3bc2cf27e1658f1789ee612c83d0f5fd5"
	"6f7cd071930e2946beeecaa04dccea9f97786001475e0294bc2852f62eb5d39b"
	"b9fbeef75916efe44a662ecae37ede27e9d6eadfdeb8f8b2b2dbccbf96fa6dba"
	"f7321fb0e701f4d429c2f4dcd153a2742574126e5eaccc77686acf6e3ee48f42"
	"3766e0fc466810a905ff5453ec99897b56bc55dd49b991142f65043f2d744eeb"
	"935ba7f4ef23cf80cc5a8a335d3619d781e7454826df720eec82e06034c44699"
	"b5f0c44a8787752e057fa3419b5bb0e25d30981e41cb1361322dba8f69931cf4"
	"2fad3f3bce6ded5b8bfc3d20a2148861b2afc14562ddd27f12897abf0685288d"
	"cc5c4982f826026846a24bf77e383c7aacab1ab692b29ed8c018a65f3dc2b87f"
	"f619a633c41b4fadb1c78725c1f8f922f6009787b1964247df0136b1bc614ab5"
	"75c59a16d089917bd4a8b6f04d95c581279a139be09fcf6e98a470a0bceca191"
	"fce476f9370021cbc05518a7efd35d89d8577c990a5e19961ba16203c959c918"
	"29ba7497cffcbb4b294546454fa5388a23a22e805a5ca35f956598848bda6786"
	"15fec28afd5da61a00000006b326493313053ced3876db9d237148181b7173bc"
	"7d042cefb4dbe94d2e58cd21a769db4657a103279ba8ef3a629ca84ee836172a"
	"9c50e51f45581741cf8083150b491cb4ecbbabec128e7c81a46e62a67b57640a"
	"0a78be1cbf7dd9d419a10cd8686d16621a80816bfdb5bdc56211d72ca70b81f1"
	"117d129529a7570cf79cf52a7028a48538ecdd3b38d3d5d62d26246595c4fb73"
	"a525a5ed2c30524ebb1d8cc82e0c19bc4977c6898ff95fd3d310b0bae71696ce"
	"f93c6a552456bf96e9d075e383bb7543c675842bafbfc7cdb88483b3276c29d4"
	"f0a341c2d406e40d4653b7e4d045851acf6a0a0ea9c710b805cced4635ee8c10"
	"7362f0fc8d80c14d0ac49c516703d26d14752f34c1c0d2c4247581c18c2cf4de"
	"48e9ce949be7c888e9caebe4a415e291fd107d21dc1f084b1158208249f28f4f"
	"7c7e931ba7b3bd0d824a4570";

/* second-level LMS public key (H5/W8) */
static const char tc2_pub1[] =
	"0000000500000004215f83b7ccb9acbcd08db97b0d04dc2ba1cd035833e0e900"
	"59603f26e07ad2aad152338e7a5e5984bcd5f7bb4eba40b7";

/* second-level LMS signature (q = 4, H5/W8) over the message */
static const char tc2_sig1[] =
	"00000004000000040eb1ed54a2460d512388cad533138d240534e97b1e82d33b"
	"d927d201dfc24ebb11b3649023696f85150b189e50c00e98850ac343a77b3638"
	"319c347d7310269d3b7714fa406b8c35b021d54d4fdada7b9ce5d4ba5b06719e"
	"72aaf58c5aae7aca057aa0e2e74e7dcfd17a0823429db62965b7d563c57b4cec"
	"942cc865e29c1dad83cac8b4d61aacc457f336e6a10b66323f5887bf3523dfca"
	"dee158503bfaa89dc6bf59daa82afd2b5ebb2a9ca6572a6067cee7c327e9039b"
	"3b6ea6a1edc7fdc3df927aade10c1c9f2d5ff446450d2a3998d0f9f6202b5e07"
	"c3f97d2458c69d3c8190643978d7a7f4d64e97e3f1c4a08a7c5bc03fd55682c0"
	"17e2907eab07e5bb2f190143475a6043d5e6d5263471f4eecf6e2575fbc6ff37"
	"edfa249d6cda1a09f797fd5a3cd53a066700f45863f04b6c8a58cfd341241e00"
	"2d0d2c0217472bf18b636ae547c1771368d9f317835c9b0ef430b3df4034f6af"
	"00d0da44f4af7800bc7a5cf8a5abdb12dc718b559b74cab9090e33cc58a95530"
	"0981c420c4da8ffd67df540890a062fe40dba8b2c1c548ced22473219c534911"
	"d48ccaabfb71bc71862f4a24ebd376d288fd4e6fb06ed8705787c5fedc813cd2"
	"697e5b1aac1ced45767b14ce88409eaebb601a93559aae893e143d1c395bc326"
	"da821d79a9ed41dcfbe549147f71c092f4f3ac522b5cc57290706650487bae9b"
	"b5671ecc9ccc2ce51ead87ac01985268521222fb9057df7ed41810b5ef0d4f7c"
	"c67368c90f573b1ac2ce956c365ed38e893ce7b2fae15d3685a3df2fa3d4cc09"
	"8fa57dd60d2c9754a8ade980ad0f93f6787075c3f680a2ba1936a8c61d1af52a"
	"b7e21f416be09d2a8d64c3d3d8582968c2839902229f85aee297e717c094c8df"
	"4a23bb5db658dd377bf0f4ff3ffd8fba5e383a48574802ed545bbe7a6b475353"
	"3353d73706067640135a7ce517279cd683039747d218647c86e097b0daa2872d"
	"54b8f3e5085987629547b830d8118161b65079fe7bc59a99e9c3c7380e3e70b7"
	"138fe5d9be2551502b698d09ae193972f27d40f38dea264a0126e637d74ae4c9"
	"2a6249fa103436d3eb0d4029ac712bfc7a5eacbdd7518d6d4fe903a5ae65527c"
	"d65bb0d4e9925ca24fd7214dc617c150544e423f450c99ce51ac8005d33acd74"
	"f1bed3b17b7266a4a3bb86da7eba80b101e15cb79de9a207852cf91249ef4806"
	"19ff2af8cabca83125d1faa94cbb0a03a906f683b3f47a97c871fd513e510a7a"
	"25f283b196075778496152a91c2bf9da76ebe089f4654877f2d586ae7149c406"
	"e663eadeb2b5c7e82429b9e8cb4834c83464f079995332e4b3c8f5a72bb4b8c6"
	"f74b0d45dc6c1f79952c0b7420df525e37c15377b5f0984319c3993921e5ccd9"
	"7e097592064530d33de3afad5733cbe7703c5296263f77342efbf5a04755b0b3"
	"c997c4328463e84caa2de3ffdcd297baaaacd7ae646e44b5c0f16044df38fabd"
	"296a47b3a838a913982fb2e370c078edb042c84db34ce36b46ccb76460a690cc"
	"86c302457dd1cde197ec8075e82b393d542075134e2a17ee70a5e187075d03ae"
	"3c853cff60729ba4000000054de1f6965bdabc676c5a4dc7c35f97f82cb0e31c"
	"68d04f1dad96314ff09e6b3de96aeee300d1f68bf1bca9fc58e4032336cd819a"
	"af578744e50d1357a0e4286704d341aa0a337b19fe4bc43c2e79964d4f351089"
	"f2e0e41c7c43ae0d49e7f404b0f75be80ea3af098c9752420a8ac0ea2bbb1f4e"
	"eba05238aef0d8ce63f0c6e5e4041d95398a6f7f3e0ee97cc1591849d4ed2363"
	"38b147abde9f51ef9fd4e1c1";

static uint8_t tc1_p[64], tc1_m[256], tc1_s[4096];
static size_t tc1_pl, tc1_ml, tc1_sl;
static uint8_t tc2_p[64], tc2_m[256], tc2_s[8192];
static size_t tc2_pl, tc2_ml, tc2_sl;

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void load_vectors(void)
{
	size_t n;

	tc1_pl = test_unhex(tc1_pub, tc1_p, sizeof(tc1_p));
	tc1_ml = test_unhex(tc1_msg, tc1_m, sizeof(tc1_m));
	tc1_sl = test_unhex(tc1_sig, tc1_s, sizeof(tc1_s));
	/* lengths from the typecodes: 4 + 2 * (4 + 1124 + 4 + 160) + 56 */
	EXPECT_UINT_EQ(tc1_pl, 60);
	EXPECT_UINT_EQ(tc1_ml, 162);
	EXPECT_UINT_EQ(tc1_sl, 4 + 2 * (4 + 4 + 32 + 34 * 32 + 4 + 5 * 32) + 56);

	tc2_pl = test_unhex(tc2_pub, tc2_p, sizeof(tc2_p));
	tc2_ml = test_unhex(tc2_msg, tc2_m, sizeof(tc2_m));
	be32(tc2_s, 1);
	tc2_sl = 4;
	n = test_unhex(tc2_sig0, tc2_s + tc2_sl, sizeof(tc2_s) - tc2_sl);
	EXPECT_UINT_EQ(n, 4 + 4 + 32 + 67 * 32 + 4 + 10 * 32);	/* 2508 */
	tc2_sl += n;
	n = test_unhex(tc2_pub1, tc2_s + tc2_sl, sizeof(tc2_s) - tc2_sl);
	EXPECT_UINT_EQ(n, 56);
	tc2_sl += n;
	n = test_unhex(tc2_sig1, tc2_s + tc2_sl, sizeof(tc2_s) - tc2_sl);
	EXPECT_UINT_EQ(n, 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32);	/* 1292 */
	tc2_sl += n;
	EXPECT_UINT_EQ(tc2_pl, 60);
	EXPECT_UINT_EQ(tc2_ml, 131);
}

static void test_rfc8554(void)
{
	uint8_t m[256];
	size_t s0;

	test_ctx("RFC 8554 TC1");
	EXPECT_INT_EQ(suit_hss_verify(tc1_p, tc1_pl, tc1_m, tc1_ml, tc1_s, tc1_sl), 0);
	/* the two LMS signatures on their own */
	s0 = 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32;
	EXPECT_INT_EQ(suit_lms_verify(tc1_p + 4, 56, tc1_s + 4 + s0, 56, tc1_s + 4, s0), 0);
	EXPECT_INT_EQ(suit_lms_verify(tc1_s + 4 + s0, 56, tc1_m, tc1_ml,
				      tc1_s + 4 + s0 + 56, s0), 0);
	/* swapped: the top signature does not sign the message */
	EXPECT_INT_EQ(suit_lms_verify(tc1_s + 4 + s0, 56, tc1_m, tc1_ml, tc1_s + 4, s0),
		      -EBADMSG);
	memcpy(m, tc1_m, tc1_ml);
	m[10] ^= 1;
	EXPECT_INT_EQ(suit_hss_verify(tc1_p, tc1_pl, m, tc1_ml, tc1_s, tc1_sl), -EBADMSG);
	EXPECT_INT_EQ(suit_hss_verify(tc1_p, tc1_pl, tc1_m, tc1_ml - 1, tc1_s, tc1_sl),
		      -EBADMSG);

	test_ctx("RFC 8554 TC2");
	EXPECT_INT_EQ(suit_hss_verify(tc2_p, tc2_pl, tc2_m, tc2_ml, tc2_s, tc2_sl), 0);
	memcpy(m, tc2_m, tc2_ml);
	m[tc2_ml - 1] ^= 0x80;
	EXPECT_INT_EQ(suit_hss_verify(tc2_p, tc2_pl, m, tc2_ml, tc2_s, tc2_sl), -EBADMSG);
	/* TC1's message under TC2's key */
	EXPECT_INT_EQ(suit_hss_verify(tc2_p, tc2_pl, tc1_m, tc1_ml, tc2_s, tc2_sl), -EBADMSG);
	test_ctx(NULL);
}

/* Flip one bit at every 7th byte (and every byte of the headers). */
static void test_mutations(const char *name, const uint8_t *pub, size_t pl,
			   const uint8_t *msg, size_t ml, const uint8_t *sig0,
			   size_t sl)
{
	uint8_t *sig = malloc(sl), p[64];
	unsigned int accepted = 0, tried = 0, first = 0;
	size_t i;

	memcpy(sig, sig0, sl);
	for (i = 0; i < sl; i += (i < 48 ? 1 : 7)) {
		int r;

		sig[i] ^= (uint8_t)(1 << (i % 8));
		r = suit_hss_verify(pub, pl, msg, ml, sig, sl);
		sig[i] ^= (uint8_t)(1 << (i % 8));
		tried++;
		if (r == 0 && !accepted++)
			first = (unsigned int)i;
	}
	/* the last byte too */
	sig[sl - 1] ^= 1;
	accepted += suit_hss_verify(pub, pl, msg, ml, sig, sl) == 0;
	sig[sl - 1] ^= 1;
	CHECK_NAMED(accepted == 0, "%s: %u bit flips in the signature all rejected%s",
		    name, tried, accepted ? " (FIRST ACCEPTED SHOWN BELOW)" : "");
	if (accepted)
		printf("#   first accepted flip at byte %u\n", first);
	/* every bit of the public key */
	accepted = 0;
	memcpy(p, pub, pl);
	for (i = 0; i < pl * 8; i++) {
		p[i / 8] ^= (uint8_t)(1 << (i % 8));
		accepted += suit_hss_verify(p, pl, msg, ml, sig, sl) == 0;
		p[i / 8] ^= (uint8_t)(1 << (i % 8));
	}
	CHECK_NAMED(accepted == 0, "%s: every public key bit flip rejected", name);
	EXPECT_INT_EQ(suit_hss_verify(pub, pl, msg, ml, sig, sl), 0);
	free(sig);
}

static void test_malformed(void)
{
	uint8_t *s = malloc(tc1_sl + 64), p[64];
	size_t s0 = 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32, n;

	test_ctx("malformed");
	memcpy(s, tc1_s, tc1_sl);
	memcpy(p, tc1_p, tc1_pl);
	/* every truncation length of the headers, and a few in the body */
	for (n = 0; n < tc1_sl; n += (n < 64 ? 1 : 97))
		if (suit_hss_verify(p, 60, tc1_m, tc1_ml, s, n) != -EBADMSG)
			break;
	CHECK_MSG(n >= tc1_sl, "truncated to %zu bytes not rejected", n);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl - 1), -EBADMSG);
	/* trailing byte */
	s[tc1_sl] = 0;
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl + 1), -EBADMSG);
	/* public key length */
	EXPECT_INT_EQ(suit_hss_verify(p, 59, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	EXPECT_INT_EQ(suit_hss_verify(p, 61, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	EXPECT_INT_EQ(suit_hss_verify(p, 3, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	EXPECT_INT_EQ(suit_hss_verify(p, 0, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	/* Nspk does not match L */
	be32(s, 0);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s, 2);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s, 0xffffffff);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s, 1);
	/* L = 0, L = 9 */
	be32(p, 0);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(p, 9);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EOPNOTSUPP);
	be32(p, 2);
	/* unsupported typecodes: SHA-256/192 LMS (0x0a), LM-OTS (0x05), 0 */
	be32(p + 4, 0x0a);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EOPNOTSUPP);
	be32(p + 4, 0);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EOPNOTSUPP);
	be32(p + 4, SUIT_LMS_SHA256_M32_H5);
	be32(p + 8, 5);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EOPNOTSUPP);
	be32(p + 8, SUIT_LMOTS_SHA256_N32_W8);
	/* a different but supported typecode in the key: length mismatch */
	be32(p + 8, SUIT_LMOTS_SHA256_N32_W4);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(p + 8, SUIT_LMOTS_SHA256_N32_W8);
	/* LM-OTS type inside the signature differs from the key's */
	be32(s + 8, 0x00000008);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s + 8, SUIT_LMOTS_SHA256_N32_W4);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s + 8, SUIT_LMOTS_SHA256_N32_W8);
	/* the LMS typecode inside the signature: H10 would need more bytes */
	be32(s + 4 + 4 + 4 + 32 + 34 * 32, SUIT_LMS_SHA256_M32_H10);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s + 4 + 4 + 4 + 32 + 34 * 32, SUIT_LMS_SHA256_M32_H5);
	/* q out of range (2^5) and q = another leaf */
	be32(s + 4, 32);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s + 4, 0xffffffff);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s + 4, 4);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	be32(s + 4, 5);
	/* embedded public key with an unsupported type */
	be32(s + 4 + s0, 0x0e);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), -EOPNOTSUPP);
	be32(s + 4 + s0, SUIT_LMS_SHA256_M32_H5);
	/* NULL pointers */
	EXPECT_INT_EQ(suit_hss_verify(NULL, 60, tc1_m, tc1_ml, s, tc1_sl), -EBADMSG);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, NULL, tc1_ml, s, tc1_sl), -EBADMSG);
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, NULL, tc1_sl), -EBADMSG);
	/* suit_lms_verify length checks */
	EXPECT_INT_EQ(suit_lms_verify(p + 4, 55, tc1_s + 4 + s0, 56, s + 4, s0), -EBADMSG);
	EXPECT_INT_EQ(suit_lms_verify(p + 4, 56, tc1_s + 4 + s0, 56, s + 4, s0 + 1), -EBADMSG);
	EXPECT_INT_EQ(suit_lms_verify(p + 4, 56, tc1_s + 4 + s0, 56, s + 4, s0 - 1), -EBADMSG);
	/* everything restored: valid again */
	EXPECT_INT_EQ(suit_hss_verify(p, 60, tc1_m, tc1_ml, s, tc1_sl), 0);
	free(s);
	test_ctx(NULL);
}

static char tmpdir[] = "/tmp/test_lms.XXXXXX";

static const char *tpath(const char *name)
{
	static char buf[4][256];
	static unsigned int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

static bool same_file(const char *a, const char *b)
{
	size_t la, lb;
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	uint8_t x[256], y[256];
	bool eq = false;

	if (fa && fb) {
		la = fread(x, 1, sizeof(x), fa);
		lb = fread(y, 1, sizeof(y), fb);
		eq = la == lb && !memcmp(x, y, la);
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return eq;
}

static void copy_file(const char *from, const char *to)
{
	uint8_t x[256];
	FILE *f = fopen(from, "rb"), *t = fopen(to, "wb");
	size_t n = f ? fread(x, 1, sizeof(x), f) : 0;

	if (t) {
		fwrite(x, 1, n, t);
		fclose(t);
	}
	if (f)
		fclose(f);
}

static size_t lms_size(uint32_t lms_type, uint32_t ots_type)
{
	static const unsigned int p[] = { 265, 133, 67, 34 };

	return 4 + 4 + 32 + (size_t)p[ots_type - 1] * 32 + 4 +
	       (size_t)5 * (lms_type - 4) * 32;
}

/* The global leaf index a signature used, from the q of every level. */
static uint64_t sig_index(const struct hss_sign_params *pp, const uint8_t *sig)
{
	uint64_t g = 0;
	size_t off = 4;
	unsigned int l;

	for (l = 0; l < pp->levels; l++) {
		unsigned int h = 5 * (pp->lms_type[l] - 4);
		uint32_t q = (uint32_t)sig[off] << 24 | sig[off + 1] << 16 |
			     sig[off + 2] << 8 | sig[off + 3];

		g = g << h | q;
		off += lms_size(pp->lms_type[l], pp->ots_type[l]);
		if (l + 1 < pp->levels)
			off += 56;
	}
	return g;
}

static void roundtrip(const char *name, const struct hss_sign_params *pp,
		      unsigned int nsig)
{
	uint8_t pub[60], pub2[60], *sig, msg[100];
	size_t cap = hss_sig_size(pp), len = 0;
	unsigned int i, ok = 0, bad_mut = 0, signed_ok = 0, seq = 0;
	uint64_t left0 = 0, left = 0;
	double t0, t1 = 0;

	test_ctx("%s", name);
	if (!CHECK(cap > 0))
		return;
	sig = malloc(cap);
	if (!CHECK(hss_keygen(pp, NULL, tpath(name), NULL, pub) == 0)) {
		free(sig);
		test_ctx(NULL);
		return;
	}
	EXPECT_INT_EQ(hss_public_key(tpath(name), pub2), 0);
	EXPECT_MEM_EQ(pub2, 60, pub, 60);
	EXPECT_INT_EQ(hss_remaining(tpath(name), NULL, &left0), 0);
	for (i = 0; i < nsig; i++) {
		memset(msg, (int)i, sizeof(msg));
		if (hss_sign_file(tpath(name), NULL, msg, sizeof(msg), sig, cap, &len) ||
		    len != cap)
			continue;
		signed_ok++;
		seq += sig_index(pp, sig) == i;
		t0 = now_us();
		ok += suit_hss_verify(pub, 60, msg, sizeof(msg), sig, len) == 0;
		t1 = now_us() - t0;
		msg[i % sizeof(msg)] ^= 4;
		bad_mut += suit_hss_verify(pub, 60, msg, sizeof(msg), sig, len) == 0;
	}
	EXPECT_UINT_EQ(signed_ok, nsig);
	EXPECT_UINT_EQ(ok, nsig);
	CHECK_MSG(seq == nsig, "leaf indices not 0, 1, 2, ...: %u of %u", seq, nsig);
	EXPECT_UINT_EQ(bad_mut, 0);
	EXPECT_INT_EQ(hss_remaining(tpath(name), NULL, &left), 0);
	EXPECT_UINT_EQ(left0 - left, nsig);
	printf("# perf: %s: signature %zu bytes, verify %.1f us\n", name, len, t1);
	free(sig);
	test_ctx(NULL);
}

static void test_signer_state(void)
{
	struct hss_sign_params pp = { 1, { SUIT_LMS_SHA256_M32_H5 },
				      { SUIT_LMOTS_SHA256_N32_W2 } };
	struct hss_sign_params bad = pp;
	uint8_t pub[60], pub2[60], sig[8192], seed[32], msg[3] = "abc";
	size_t len, cap = hss_sig_size(&pp);
	unsigned int i, ok = 0;
	uint64_t left = 99;
	int r = 0;

	test_ctx("signer");
	/* invalid parameters */
	bad.levels = 0;
	EXPECT_UINT_EQ(hss_sig_size(&bad), 0);
	EXPECT_INT_EQ(hss_keygen(&bad, NULL, tpath("bad"), NULL, pub), -EINVAL);
	bad.levels = 9;
	EXPECT_INT_EQ(hss_keygen(&bad, NULL, tpath("bad"), NULL, pub), -EINVAL);
	bad = pp;
	bad.ots_type[0] = 5;
	EXPECT_INT_EQ(hss_keygen(&bad, NULL, tpath("bad"), NULL, pub), -EINVAL);
	EXPECT_INT_EQ(access(tpath("bad"), F_OK), -1);

	/* deterministic from a given seed; refuses to overwrite */
	memset(seed, 0x42, sizeof(seed));
	EXPECT_INT_EQ(hss_keygen(&pp, seed, tpath("det1"), NULL, pub), 0);
	EXPECT_INT_EQ(hss_keygen(&pp, seed, tpath("det2"), tpath("det2.st"), pub2), 0);
	EXPECT_MEM_EQ(pub, 60, pub2, 60);
	EXPECT_INT_EQ(hss_keygen(&pp, seed, tpath("det1"), NULL, pub2), -EEXIST);
	EXPECT_UINT_EQ(pub[3], 1);

	/* buffer too small: nothing consumed */
	EXPECT_INT_EQ(hss_sign_file(tpath("det1"), NULL, msg, 3, sig, cap - 1, &len),
		      -ENOBUFS);
	EXPECT_INT_EQ(hss_remaining(tpath("det1"), NULL, &left), 0);
	EXPECT_UINT_EQ(left, 32);

	/* another key's state file is refused */
	seed[0] ^= 1;
	EXPECT_INT_EQ(hss_keygen(&pp, seed, tpath("other"), NULL, pub2), 0);
	CHECK(memcmp(pub, pub2, 60) != 0);
	EXPECT_INT_EQ(hss_sign_file(tpath("det1"), tpath("other.state"), msg, 3, sig,
				    sizeof(sig), &len), -EKEYREJECTED);
	EXPECT_INT_EQ(hss_remaining(tpath("other"), NULL, &left), 0);
	EXPECT_UINT_EQ(left, 32);
	/* a corrupted state file is refused */
	copy_file(tpath("det1.state"), tpath("corrupt.st"));
	{
		FILE *f = fopen(tpath("corrupt.st"), "r+b");

		if (f) {
			fseek(f, 15, SEEK_SET);
			fputc(7, f);
			fclose(f);
		}
	}
	EXPECT_INT_EQ(hss_sign_file(tpath("det1"), tpath("corrupt.st"), msg, 3, sig,
				    sizeof(sig), &len), -EBADMSG);

	/* exhaust: 2^5 signatures, then -ENOSPC and the state stays put */
	for (i = 0; i < 32; i++) {
		r = hss_sign_file(tpath("det1"), NULL, msg, 3, sig, sizeof(sig), &len);
		if (r)
			break;
		ok += suit_hss_verify(pub, 60, msg, 3, sig, len) == 0;
	}
	EXPECT_INT_EQ(r, 0);
	EXPECT_UINT_EQ(ok, 32);
	EXPECT_INT_EQ(hss_remaining(tpath("det1"), NULL, &left), 0);
	EXPECT_UINT_EQ(left, 0);
	copy_file(tpath("det1.state"), tpath("exhausted.copy"));
	EXPECT_INT_EQ(hss_sign_file(tpath("det1"), NULL, msg, 3, sig, sizeof(sig), &len),
		      -ENOSPC);
	CHECK(same_file(tpath("det1.state"), tpath("exhausted.copy")));

	/*
	 * det2 is the same key (same seed, test only): its own state is
	 * independent, so it still signs, and verifies under the same pub.
	 */
	EXPECT_INT_EQ(hss_sign_file(tpath("det2"), tpath("det2.st"), msg, 3, sig,
				    sizeof(sig), &len), 0);
	EXPECT_INT_EQ(suit_hss_verify(pub, 60, msg, 3, sig, len), 0);
	/* missing files */
	EXPECT_INT_EQ(hss_sign_file(tpath("nokey"), NULL, msg, 3, sig, sizeof(sig), &len),
		      -ENOENT);
	test_ctx(NULL);
}

static void test_perf(void)
{
	double t0, t1;
	int i, n = 20, bad = 0;

	t0 = now_us();
	for (i = 0; i < n; i++)
		bad |= suit_hss_verify(tc1_p, tc1_pl, tc1_m, tc1_ml, tc1_s, tc1_sl);
	t1 = now_us();
	EXPECT_INT_EQ(bad, 0);
	printf("# perf: one HSS verify (RFC 8554 TC1, 2 x H5/W8) takes %.1f us\n",
	       (t1 - t0) / n);
	t0 = now_us();
	for (i = 0; i < n; i++)
		bad |= suit_hss_verify(tc2_p, tc2_pl, tc2_m, tc2_ml, tc2_s, tc2_sl);
	t1 = now_us();
	EXPECT_INT_EQ(bad, 0);
	printf("# perf: one HSS verify (RFC 8554 TC2, H10/W4 + H5/W8) takes %.1f us\n",
	       (t1 - t0) / n);
}

/*
 * The signer's building blocks against RFC 8554 Appendix F test case 2,
 * whose private keys (SEED, I) and randomizers C are published: the public
 * keys and both LMS signatures must come out byte for byte.
 */
static void test_signer_kat(void)
{
	static const char seed0[] =
		"558b8966c48ae9cb898b423c83443aae014a72f1b1ab5cc85cf1d892903b5439";
	static const char id0[] = "d08fabd4a2091ff0a8cb4ed834e74534";
	static const char seed1[] =
		"a1c4696e2608035a886100d05cd99945eb3370731884a8235e2fb3d4d71f2547";
	static const char id1[] = "215f83b7ccb9acbcd08db97b0d04dc2b";
	const size_t s0 = 4 + 4 + 32 + 67 * 32 + 4 + 10 * 32;
	const size_t s1 = 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32;
	const uint8_t *sig0 = tc2_s + 4, *pub1 = tc2_s + 4 + s0;
	const uint8_t *sig1 = tc2_s + 4 + s0 + 56;
	uint8_t seed[32], id[16], out[4096], pub[56];
	size_t len = 0;
	double t0 = now_us();

	test_ctx("signer KAT (RFC 8554 TC2)");
	CHECK(test_unhex(seed0, seed, 32) == 32 && test_unhex(id0, id, 16) == 16);
	EXPECT_INT_EQ(hss_lms_sign_raw(SUIT_LMS_SHA256_M32_H10, SUIT_LMOTS_SHA256_N32_W4,
				       id, seed, 3, sig0 + 8, pub1, 56, out,
				       sizeof(out), &len, pub), 0);
	EXPECT_MEM_EQ(pub, 56, tc2_p + 4, 56);
	EXPECT_MEM_EQ(out, len, sig0, s0);

	CHECK(test_unhex(seed1, seed, 32) == 32 && test_unhex(id1, id, 16) == 16);
	EXPECT_INT_EQ(hss_lms_sign_raw(SUIT_LMS_SHA256_M32_H5, SUIT_LMOTS_SHA256_N32_W8,
				       id, seed, 4, sig1 + 8, tc2_m, tc2_ml, out,
				       sizeof(out), &len, pub), 0);
	EXPECT_MEM_EQ(pub, 56, pub1, 56);
	EXPECT_MEM_EQ(out, len, sig1, s1);
	/* and with a random C it still verifies, but differs */
	EXPECT_INT_EQ(hss_lms_sign_raw(SUIT_LMS_SHA256_M32_H5, SUIT_LMOTS_SHA256_N32_W8,
				       id, seed, 4, NULL, tc2_m, tc2_ml, out,
				       sizeof(out), &len, pub), 0);
	EXPECT_INT_EQ(suit_lms_verify(pub, 56, tc2_m, tc2_ml, out, len), 0);
	CHECK(memcmp(out, sig1, s1) != 0);
	/* argument checks */
	EXPECT_INT_EQ(hss_lms_sign_raw(SUIT_LMS_SHA256_M32_H5, SUIT_LMOTS_SHA256_N32_W8,
				       id, seed, 32, NULL, tc2_m, tc2_ml, out,
				       sizeof(out), &len, pub), -EINVAL);
	EXPECT_INT_EQ(hss_lms_sign_raw(SUIT_LMS_SHA256_M32_H5, SUIT_LMOTS_SHA256_N32_W8,
				       id, seed, 4, NULL, tc2_m, tc2_ml, out,
				       s1 - 1, &len, pub), -ENOBUFS);
	printf("# perf: signer KAT (H10/W4 + H5/W8 trees) took %.0f ms\n",
	       (now_us() - t0) / 1000);
	test_ctx(NULL);
}

static void cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		printf("# could not remove %s\n", tmpdir);
}

int main(int argc, char **argv)
{
	struct hss_sign_params w1 = { 1, { SUIT_LMS_SHA256_M32_H5 },
				      { SUIT_LMOTS_SHA256_N32_W1 } };
	struct hss_sign_params h10 = { 1, { SUIT_LMS_SHA256_M32_H10 },
				       { SUIT_LMOTS_SHA256_N32_W1 } };
	struct hss_sign_params two = { 2,
		{ SUIT_LMS_SHA256_M32_H5, SUIT_LMS_SHA256_M32_H5 },
		{ SUIT_LMOTS_SHA256_N32_W4, SUIT_LMOTS_SHA256_N32_W2 } };
	struct hss_sign_params w8 = { 2,
		{ SUIT_LMS_SHA256_M32_H5, SUIT_LMS_SHA256_M32_H5 },
		{ SUIT_LMOTS_SHA256_N32_W8, SUIT_LMOTS_SHA256_N32_W8 } };
	struct hss_sign_params eight = { 8, { 0 }, { 0 } };
	unsigned int l;

	test_init("lms", argc, argv);
	load_vectors();
	test_rfc8554();
	test_mutations("TC1", tc1_p, tc1_pl, tc1_m, tc1_ml, tc1_s, tc1_sl);
	test_mutations("TC2", tc2_p, tc2_pl, tc2_m, tc2_ml, tc2_s, tc2_sl);
	test_malformed();
	test_perf();
	test_signer_kat();

	if (!CHECK(mkdtemp(tmpdir)))
		return test_done();
	for (l = 0; l < 8; l++) {
		eight.lms_type[l] = SUIT_LMS_SHA256_M32_H5;
		eight.ots_type[l] = SUIT_LMOTS_SHA256_N32_W1;
	}
	roundtrip("H5-W1", &w1, 3);
	roundtrip("H10-W1", &h10, 2);
	roundtrip("H5W4+H5W2", &two, 34);	/* crosses into the second tree */
	roundtrip("2xH5-W8", &w8, 2);
	roundtrip("8xH5-W1", &eight, 3);
	test_signer_state();
	cleanup();
	return test_done();
}
