/** The price board (明码标价): items with their rates, posted on the notice board. */
@org.springframework.modulith.NamedInterface("board")
package cn.linli.fee.board;
