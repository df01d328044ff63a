package cn.linli.registry.contract;

import org.springframework.data.repository.CrudRepository;

interface ContractRepository extends CrudRepository<ServiceContract, Long> {
}
