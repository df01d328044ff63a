/** Posting and reading notices on a compound's board. */
@org.springframework.modulith.NamedInterface("board")
package cn.linli.notice.board;
