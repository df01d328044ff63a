/**
 * Types every module speaks: region codes, credit codes, areas, the caller's scope, the audit
 * trail, problem handling and the embedded database.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.linli.shared;
